import type { AccountAuth, PostDraft } from '@statex/core'
import type { RecordedRequest } from '@statex/testkit/simulator'
import { linkedin, type LinkedInOptions } from '../src/index.js'
import {
  createLinkedInSimulator,
  type LinkedInSimulator,
  type LinkedInSimulatorOptions,
} from '../src/testing.js'

export interface Harness {
  sim: LinkedInSimulator
  provider: ReturnType<typeof linkedin>
  account: AccountAuth
  calls(method: string, path: RegExp, from?: number): RecordedRequest[]
}

export async function harness(
  options: LinkedInOptions = {},
  simOptions: LinkedInSimulatorOptions = {},
): Promise<Harness> {
  const sim = await createLinkedInSimulator(simOptions)
  const provider = linkedin({
    baseUrl: sim.baseUrl,
    oauthBaseUrl: sim.baseUrl,
    clientId: 'client-1',
    clientSecret: 'secret-1',
    ...options,
  })
  const account = sim.createAccount({ name: 'Acme' })
  return {
    sim,
    provider,
    account,
    calls: (method, path, from = 0) =>
      sim.requests.slice(from).filter((r) => r.method === method && path.test(r.path)),
  }
}

let keys = 0
export const publishInput = (account: AccountAuth, post: PostDraft) => ({
  account,
  post,
  idempotencyKey: `test-${++keys}`,
})
