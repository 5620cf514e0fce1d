import type { AccountAuth } from '@statex/core'
import type { RecordedRequest } from '@statex/testkit/simulator'
import { telegram } from '../src/index.js'
import { createTelegramSimulator, type TelegramSimulator } from '../src/testing.js'

export interface Harness {
  sim: TelegramSimulator
  provider: ReturnType<typeof telegram>
  account: AccountAuth
  /** Requests to one Bot API method since `from`, in order. */
  calls(method: string, from?: number): RecordedRequest[]
}

export async function harness(name = 'Wire'): Promise<Harness> {
  const sim = await createTelegramSimulator()
  const provider = telegram({ baseUrl: sim.baseUrl, webhookSecret: 'wire_secret-1', pageSize: 10 })
  const account = sim.createAccount({ name })
  return {
    sim,
    provider,
    account,
    calls: (method, from = 0) =>
      sim.requests.slice(from).filter((r) => r.path.endsWith(`/${method}`)),
  }
}

export const publishInput = (
  account: AccountAuth,
  post: Parameters<ReturnType<typeof telegram>['publish']>[0]['post'],
) => ({
  account,
  post,
  idempotencyKey: `test-${Math.random()}`,
})
