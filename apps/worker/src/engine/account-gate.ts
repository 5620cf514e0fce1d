import type { Redis } from 'ioredis'

/**
 * Per-account flow control in Redis, shared by every worker process:
 * - a pause: after a platform rate-limits an account, nothing is sent for that account until the
 *   platform's reset, while other accounts keep flowing (never a queue-wide pause);
 * - a lease: one publish in flight per account, so a 429 is seen before the next request leaves
 *   and no request can reach the account inside its rate-limit window.
 * Both keys expire by themselves, so a worker killed while holding one frees it after its TTL.
 */
export interface AccountGate {
  /** Takes the account's lease, or says how long to wait (paused until reset, or busy). */
  acquire(accountId: string, holder: string): Promise<GateDecision>
  release(accountId: string, holder: string): Promise<void>
  /** No request for this account before `now + ms`. Never shortens a longer pause. */
  pause(accountId: string, ms: number): Promise<void>
  /** Milliseconds left on the account's pause; 0 when not paused. */
  pausedFor(accountId: string): Promise<number>
  /** Without taking anything: how long until the account is neither paused nor busy (0: now). */
  peek(accountId: string): Promise<GateDecision>
}

export type GateDecision = { ok: true } | { ok: false; waitMs: number; why: 'paused' | 'busy' }

// KEYS[1] pause key, KEYS[2] lease key; ARGV[1] holder, ARGV[2] lease ms.
// Returns 0 when the lease was taken, or the milliseconds to wait as a negative number for a
// pause and a positive one for a busy lease, in one round trip.
const ACQUIRE = `
local paused = redis.call('PTTL', KEYS[1])
if paused > 0 then return -paused end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
local busy = redis.call('PTTL', KEYS[2])
if busy < 1 then busy = 1 end
return busy`

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`

// Keeps the later of the current and the requested pause end.
const PAUSE = `
local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 1`

export interface AccountGateOptions {
  redis: Redis
  prefix: string
  /** How long a lease holds without release (a publish's timeout plus margin). */
  leaseMs: number
  /** How soon a job finding the account busy looks again; jittered. Default 250 ms. */
  busyRetryMs?: number
}

export function createAccountGate(options: AccountGateOptions): AccountGate {
  const { redis, prefix, leaseMs } = options
  const busyRetryMs = options.busyRetryMs ?? 250
  const pauseKey = (id: string) => `${prefix}:account:${id}:paused`
  const leaseKey = (id: string) => `${prefix}:account:${id}:lease`

  return {
    async acquire(accountId, holder) {
      const answer = Number(
        await redis.eval(ACQUIRE, 2, pauseKey(accountId), leaseKey(accountId), holder, leaseMs),
      )
      if (answer === 0) return { ok: true }
      if (answer < 0) return { ok: false, waitMs: -answer, why: 'paused' }
      // Not the lease's full TTL: a publish usually ends long before it.
      const wait = Math.min(answer, busyRetryMs)
      return { ok: false, waitMs: Math.ceil(wait / 2 + Math.random() * wait), why: 'busy' }
    },
    async release(accountId, holder) {
      await redis.eval(RELEASE, 1, leaseKey(accountId), holder)
    },
    async pause(accountId, ms) {
      if (ms <= 0) return
      await redis.eval(PAUSE, 1, pauseKey(accountId), Math.ceil(ms))
    },
    async peek(accountId) {
      const [paused, busy] = (await redis
        .multi()
        .pttl(pauseKey(accountId))
        .pttl(leaseKey(accountId))
        .exec()) as [unknown, number][]
      if (paused![1] > 0) return { ok: false, waitMs: paused![1], why: 'paused' }
      if (busy![1] > 0) {
        const wait = Math.min(busy![1], busyRetryMs)
        return { ok: false, waitMs: Math.ceil(wait / 2 + Math.random() * wait), why: 'busy' }
      }
      return { ok: true }
    },
    async pausedFor(accountId) {
      return Math.max(0, await redis.pttl(pauseKey(accountId)))
    },
  }
}
