import type { AccountAuth } from '@statex/core'
import { publishInputs, requestsTo } from '@statex/testkit'
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
    calls: requestsTo(sim.requests),
  }
}

export const publishInput = publishInputs()
