import type { AccountAuth } from '@statex/core'
import { publishInputs, requestsTo } from '@statex/testkit'
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
    calls: requestsTo(sim.requests),
  }
}

export const publishInput = publishInputs()

/** A tiny MP4-looking payload: the simulator checks sizes and types, not codecs. */
export const videoBytes = (size = 9 * 1024 * 1024) => new Uint8Array(size).fill(7)
