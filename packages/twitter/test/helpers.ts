import type { AccountAuth, PostDraft } from '@statex/core'
import type { RecordedRequest } from '@statex/testkit/simulator'
import { twitter, type TwitterOptions } from '../src/index.js'
import { createXSimulator, type XSimulator, type XSimulatorOptions } from '../src/testing.js'

export interface Harness {
  sim: XSimulator
  provider: ReturnType<typeof twitter>
  account: AccountAuth
  /** Requests to one method and path (a RegExp on the path) since `from`, in order. */
  calls(method: string, path: RegExp, from?: number): RecordedRequest[]
}

export async function harness(
  options: TwitterOptions = {},
  simOptions: XSimulatorOptions = {},
): Promise<Harness> {
  const sim = await createXSimulator(simOptions)
  const provider = twitter({
    baseUrl: sim.baseUrl,
    clientId: 'client-1',
    clientSecret: 'secret-1',
    ...options,
  })
  const account = sim.createAccount({ name: 'Wire' })
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

/** A tiny MP4-looking payload: the simulator checks sizes and types, not codecs. */
export const videoBytes = (size = 9 * 1024 * 1024) => new Uint8Array(size).fill(7)
