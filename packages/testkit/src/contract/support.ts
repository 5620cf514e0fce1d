/** What every contract check leans on: a refused port, unique idempotency keys, error and secret assertions, settling a pending publish. */
import { createServer } from 'node:net'
import { expect } from 'vitest'
import {
  PROVIDER_ERROR_KINDS,
  ProviderError,
  type AccountAuth,
  type PublishResult,
  type SocialProvider,
} from '@statex/core'
import type { PlatformSimulator } from '../simulator/platform-simulator.js'

/** A port nothing listens on (one that was just free), so a connection is refused before anything is sent. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (!address || typeof address === 'string') throw new Error('could not find a free port')
  return address.port
}

let keyCounter = 0
export const idempotencyKey = () => `contract-${process.pid}-${Date.now()}-${++keyCounter}`

export async function expectProviderError(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise
  } catch (error) {
    expect(ProviderError.is(error), `expected a ProviderError, got ${String(error)}`).toBe(true)
    return error as ProviderError
  }
  throw new Error('expected the call to fail with a ProviderError, but it succeeded')
}

export function expectNoSecret(error: ProviderError, account: AccountAuth): void {
  const secrets = [account.accessToken, account.refreshToken].filter((s): s is string => !!s)
  const surfaces = [
    error.message,
    error.platformMessage ?? '',
    JSON.stringify(error),
    String(error),
    error.stack ?? '',
  ]
  for (const secret of secrets) {
    for (const surface of surfaces)
      expect(surface.includes(secret), `a token leaked into: ${surface}`).toBe(false)
  }
  expect(PROVIDER_ERROR_KINDS).toContain(error.kind)
}

export async function settle(
  provider: SocialProvider,
  simulator: PlatformSimulator,
  account: AccountAuth,
  result: PublishResult,
) {
  let current = result
  for (let i = 0; i < 20 && current.status === 'pending'; i++) {
    simulator.advance(60_000)
    current = await provider.getPublishStatus!({ account, checkpoint: current.checkpoint })
  }
  return current
}
