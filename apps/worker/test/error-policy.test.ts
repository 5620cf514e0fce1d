import {
  PROVIDER_ERROR_KINDS,
  ProviderError,
  type ProviderErrorKind,
  type RequestOutcome,
} from '@statex/core'
import { describe, expect, it } from 'vitest'
import {
  backoffDelayMs,
  decideQueueAction,
  DEFAULT_RATE_LIMIT_DELAY_MS,
  type ErrorContext,
  type QueueAction,
} from '../src/error-policy.js'

const FIRST_ATTEMPT: ErrorContext = { attemptsMade: 0, maxAttempts: 5, tokenRefreshed: false }

function providerError(
  kind: ProviderErrorKind,
  outcome: RequestOutcome,
  extra: Partial<ConstructorParameters<typeof ProviderError>[0]> = {},
) {
  return new ProviderError({
    kind,
    outcome,
    platform: 'telegram',
    message: `${kind} happened`,
    platformMessage: `Telegram says ${kind}`,
    ...extra,
  })
}

type Expected = { type: QueueAction['type'] } & Partial<{
  delayMs: number
  reconnectAccount: boolean
  userMessage: string
}>
const fail = (reconnectAccount: boolean): Expected => ({ type: 'fail', reconnectAccount })

/** Every kind × outcome × effect on a job's first attempt. */
const TABLE: Record<
  ProviderErrorKind,
  Record<`${RequestOutcome}/${'write' | 'read'}`, Expected>
> = {
  rate_limited: {
    'not_sent/write': { type: 'delay', delayMs: 30_000 },
    'unknown/write': { type: 'reconcile' },
    'not_sent/read': { type: 'delay', delayMs: 30_000 },
    'unknown/read': { type: 'delay', delayMs: 30_000 },
  },
  auth_expired: {
    'not_sent/write': { type: 'refresh_token_then_retry' },
    'unknown/write': { type: 'reconcile' },
    'not_sent/read': { type: 'refresh_token_then_retry' },
    'unknown/read': { type: 'refresh_token_then_retry' },
  },
  auth_revoked: {
    'not_sent/write': fail(true),
    'unknown/write': fail(true),
    'not_sent/read': fail(true),
    'unknown/read': fail(true),
  },
  transient: {
    'not_sent/write': { type: 'retry', delayMs: 10_000 },
    'unknown/write': { type: 'reconcile' },
    'not_sent/read': { type: 'retry', delayMs: 10_000 },
    'unknown/read': { type: 'retry', delayMs: 10_000 },
  },
  invalid_request: {
    'not_sent/write': { ...fail(false), userMessage: 'Telegram says invalid_request' },
    'unknown/write': { ...fail(false), userMessage: 'Telegram says invalid_request' },
    'not_sent/read': fail(false),
    'unknown/read': fail(false),
  },
  not_found: {
    'not_sent/write': fail(false),
    'unknown/write': fail(false),
    'not_sent/read': fail(false),
    'unknown/read': fail(false),
  },
}

describe('decideQueueAction', () => {
  it('has a row for every provider error kind', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...PROVIDER_ERROR_KINDS].sort())
  })

  const cases = PROVIDER_ERROR_KINDS.flatMap((kind) =>
    (['not_sent', 'unknown'] as const).flatMap((outcome) =>
      (['write', 'read'] as const).map((effect) => ({
        kind,
        outcome,
        effect,
        expected: TABLE[kind][`${outcome}/${effect}`],
      })),
    ),
  )

  it.each(cases)(
    '$kind + $outcome ($effect) → $expected.type',
    ({ kind, outcome, effect, expected }) => {
      const error = providerError(
        kind,
        outcome,
        kind === 'rate_limited' ? { retryAfterMs: 30_000 } : {},
      )
      const action = decideQueueAction(error, { ...FIRST_ATTEMPT, effect })
      expect(action).toMatchObject(expected)
      expect(action.reason).toContain(kind)
    },
  )

  it('treats a missing effect as a write: an unknown outcome is never sent again', () => {
    expect(decideQueueAction(providerError('transient', 'unknown'), FIRST_ATTEMPT).type).toBe(
      'reconcile',
    )
  })

  it('waits the default when a rate limit says nothing about how long', () => {
    expect(
      decideQueueAction(providerError('rate_limited', 'not_sent'), FIRST_ATTEMPT),
    ).toMatchObject({
      type: 'delay',
      delayMs: DEFAULT_RATE_LIMIT_DELAY_MS,
    })
  })

  it('delays a rate limit even on the last attempt, because a delay spends none', () => {
    const action = decideQueueAction(
      providerError('rate_limited', 'not_sent', { retryAfterMs: 900 }),
      {
        ...FIRST_ATTEMPT,
        attemptsMade: 4,
      },
    )
    expect(action).toEqual({ type: 'delay', delayMs: 900, reason: expect.any(String) })
  })

  it('refreshes a token once; refused again, the account needs reconnecting', () => {
    const error = providerError('auth_expired', 'not_sent')
    expect(decideQueueAction(error, FIRST_ATTEMPT).type).toBe('refresh_token_then_retry')
    expect(decideQueueAction(error, { ...FIRST_ATTEMPT, tokenRefreshed: true })).toMatchObject({
      type: 'fail',
      reconnectAccount: true,
    })
  })

  it('backs off exponentially on transient failures and gives up on the last attempt', () => {
    const error = providerError('transient', 'not_sent')
    const delays = [0, 1, 2, 3].map((attemptsMade) =>
      decideQueueAction(error, { ...FIRST_ATTEMPT, attemptsMade }),
    )
    expect(delays.map((a) => (a.type === 'retry' ? a.delayMs : a.type))).toEqual([
      10_000, 20_000, 40_000, 80_000,
    ])
    expect(decideQueueAction(error, { ...FIRST_ATTEMPT, attemptsMade: 4 })).toMatchObject({
      type: 'fail',
      reconnectAccount: false,
      userMessage: expect.stringContaining('5 attempts'),
    })
  })

  it('caps the backoff at ten minutes', () => {
    expect(backoffDelayMs(20)).toBe(600_000)
  })

  it('shows the platform message to the user, falling back to ours', () => {
    const withPlatform = decideQueueAction(
      providerError('invalid_request', 'not_sent'),
      FIRST_ATTEMPT,
    )
    expect(withPlatform).toMatchObject({ userMessage: 'Telegram says invalid_request' })
    const without = decideQueueAction(
      new ProviderError({
        kind: 'invalid_request',
        platform: 'whatsapp',
        message: 'Text too long',
      }),
      FIRST_ATTEMPT,
    )
    expect(without).toMatchObject({ userMessage: 'Text too long' })
    const revoked = decideQueueAction(providerError('auth_revoked', 'not_sent'), FIRST_ATTEMPT)
    expect(revoked).toMatchObject({ userMessage: expect.stringContaining('Reconnect the account') })
  })
})
