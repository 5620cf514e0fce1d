/**
 * The contract's error checks, run inside its publish group: how a failed publish maps to a
 * `ProviderError` (rate limit, rejection, 5xx, refused connection, timeout and drop after the
 * platform acted), and that no token ever shows in one.
 */
import { expect, it } from 'vitest'
import { abortWhen } from '../simulator/clock.js'
import type { PlatformSimulator } from '../simulator/platform-simulator.js'
import type { ContractContext } from './context.js'
import { closedPort, expectNoSecret, expectProviderError, idempotencyKey } from './support.js'

export function publishFailureChecks<S extends PlatformSimulator>(ctx: ContractContext<S>): void {
  const { options, onPublish, publish } = ctx
  it('maps the platform rate-limit signal to rate_limited with retryAfterMs, and publishes nothing', async () => {
    const { simulator, account } = ctx
    const before = simulator.countPosts(account)
    simulator.injectFault({ type: 'rate_limit', retryAfterSeconds: 7 }, onPublish)
    const error = await expectProviderError(publish(options.fixtures.validPost))
    expect(error.kind).toBe('rate_limited')
    // The platform's own signal, at its own granularity: seconds (Telegram, X) or whole
    // minutes (Meta's estimated_time_to_regain_access) — never less than asked, never a guess.
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(7000)
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000)
    expect(error.outcome).toBe('not_sent')
    expect(error.retryable).toBe(true)
    expect(simulator.countPosts(account)).toBe(before)
    expectNoSecret(error, account)
  })

  it('maps rejected content to invalid_request with the platform message, never retryable', async () => {
    const { simulator, account } = ctx
    simulator.injectFault(
      { type: 'reject_content', message: 'Simulated rejection: content not allowed' },
      onPublish,
    )
    const error = await expectProviderError(publish(options.fixtures.validPost))
    expect(error.kind).toBe('invalid_request')
    expect(error.platformMessage).toContain('Simulated rejection: content not allowed')
    expect(error.retryable).toBe(false)
    expectNoSecret(error, account)
  })

  it('maps a 5xx answer to transient', async () => {
    const { simulator, account } = ctx
    simulator.injectFault({ type: 'server_error', status: 502 }, onPublish)
    const error = await expectProviderError(publish(options.fixtures.validPost))
    expect(error.kind).toBe('transient')
    expect(error.status).toBe(502)
    expectNoSecret(error, account)
  })

  it('maps a refused connection to transient, not_sent', async () => {
    const { simulator, account } = ctx
    // Not port 1: fetch refuses "bad ports" itself, which says nothing about the adapter.
    const offline = options.provider(simulator, {
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
    })
    const error = await expectProviderError(
      offline.publish({
        account,
        post: options.fixtures.validPost,
        idempotencyKey: idempotencyKey(),
      }),
    )
    expect(error.kind).toBe('transient')
    expect(error.outcome).toBe('not_sent')
    expectNoSecret(error, account)
  })

  it('maps a timeout after the request was sent to outcome unknown (the platform did act)', async () => {
    const { simulator, account } = ctx
    const before = simulator.countPosts(account)
    simulator.injectFault({ type: 'hang_after_receive' }, onPublish)
    // The client gives up only once the platform has acted: a fixed timeout could fire on a
    // loaded machine before the request even arrived, which is a different case.
    const error = await expectProviderError(
      publish(
        options.fixtures.validPost,
        abortWhen(() => simulator.countPosts(account) > before),
      ),
    )
    expect(error.kind).toBe('transient')
    expect(error.outcome).toBe('unknown')
    expect(error.retryable).toBe(false)
    expect(simulator.countPosts(account)).toBeGreaterThan(before)
    expectNoSecret(error, account)
  })

  it('maps a connection dropped after the request arrived to outcome unknown', async () => {
    const { simulator, account } = ctx
    simulator.injectFault({ type: 'drop_after_receive' }, onPublish)
    const error = await expectProviderError(publish(options.fixtures.validPost))
    expect(error.kind).toBe('transient')
    expect(error.outcome).toBe('unknown')
    expectNoSecret(error, account)
  })
}
