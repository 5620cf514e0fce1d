import type { Platform } from '@statex/core'
import { seededRandom, type Fault, type RecordedRequest } from '@statex/testkit/simulator'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createEngineHarness, draftFor, type EngineHarness } from '../test/engine-harness.js'

// Faults: both simulators answer 20% of requests with a 429, a 5xx, a connection dropped before
// or after the platform acted, or no answer at all. Every target must end published (exactly
// once) or FAILED/UNKNOWN with a reason, and no request may reach an account inside the
// rate-limit window the platform announced to it.

const ROUNDS = 5
const ACCOUNTS_PER_PLATFORM = 10
const FAULT_RATE = 0.2
const RETRY_AFTER_S = 1
const FAULTS: Fault[] = [
  { type: 'rate_limit', retryAfterSeconds: RETRY_AFTER_S },
  { type: 'server_error' },
  { type: 'drop_before_receive' },
  { type: 'drop_after_receive' },
  { type: 'hang_after_receive' },
]

let h: EngineHarness
beforeAll(async () => {
  h = await createEngineHarness('faults')
  await h.startWorker({ env: { WORKER_CONCURRENCY: '10' } })
}, 60_000)
afterAll(async () => {
  await h.close()
})

/** Queues one entry per upcoming request, in order: a fault 20% of the time, else a 1 ms pause. */
function armFaults(sim: EngineHarness['telegramSim'] | EngineHarness['whatsappSim'], seed: number) {
  const random = seededRandom(seed)
  const plan: (Fault | undefined)[] = []
  for (let i = 0; i < 3_000; i++) {
    const fault = random() < FAULT_RATE ? FAULTS[Math.floor(random() * FAULTS.length)]! : undefined
    plan.push(fault)
    sim.injectFault(fault ?? { type: 'slow', delayMs: 1 })
  }
  return plan
}

/** The account a request was for: the bot token (Telegram) or the phone number id (WhatsApp). */
function accountOf(platform: Platform, request: RecordedRequest): string {
  const parts = request.path.split('/')
  return platform === 'telegram' ? parts[1]!.replace(/^bot/, '') : parts[2]!
}

describe('chaos: 20% faults', () => {
  it('ends every target published once or failed/unknown with a reason, and respects rate limits', async () => {
    const accounts = []
    for (const platform of ['telegram', 'whatsapp'] as const)
      for (let i = 0; i < ACCOUNTS_PER_PLATFORM; i++)
        accounts.push({ platform, ...(await h.account(platform)) })
    const plans = {
      telegram: armFaults(h.telegramSim, 1),
      whatsapp: armFaults(h.whatsappSim, 2),
    }
    const targets: { id: string; text: string; account: (typeof accounts)[number] }[] = []
    for (let round = 0; round < ROUNDS; round++) {
      for (const account of accounts) {
        const text = `faults round ${round}`
        const group = await h.db.posts.createPostGroup({
          workspaceId: account.workspaceId,
          content: draftFor(account.platform, text),
          targets: [{ accountId: account.accountId }],
          scheduledAt: new Date(Date.now() + round * 300),
          actor: 'user:test',
        })
        targets.push({ id: group.targets[0]!.id, text, account })
      }
    }
    await vi.waitFor(
      async () => {
        const left = await h.db.engine.countUnsettledTargets(targets.map((t) => t.id))
        if (left > 0) throw new Error(`${left} targets not settled`)
      },
      { timeout: 150_000, interval: 250 },
    )

    const counts: Record<string, number> = {}
    for (const target of targets) {
      const post = (await h.db.posts.getPost(target.id))!
      counts[post.status] = (counts[post.status] ?? 0) + 1
      const sim = target.account.platform === 'telegram' ? h.telegramSim : h.whatsappSim
      const landed = sim.listPosts(target.account.auth).filter((p) => p.text === target.text)
      expect(
        landed.length,
        `target ${target.id} landed ${landed.length} times`,
      ).toBeLessThanOrEqual(1)
      if (post.status === 'PUBLISHED') expect(landed[0]?.externalId).toBe(post.externalId)
      else expect(post.lastError, `${post.status} without a reason`).toBeTruthy()
      expect(['PUBLISHED', 'FAILED', 'UNKNOWN']).toContain(post.status)
    }

    let rateLimits = 0
    for (const platform of ['telegram', 'whatsapp'] as const) {
      const requests = (platform === 'telegram' ? h.telegramSim : h.whatsappSim).requests
      requests.forEach((request, index) => {
        if (plans[platform][index]?.type !== 'rate_limit') return
        rateLimits++
        const account = accountOf(platform, request)
        const resetAt = request.receivedAt.getTime() + RETRY_AFTER_S * 1_000
        for (const later of requests.slice(index + 1)) {
          if (accountOf(platform, later) !== account) continue
          expect(
            later.receivedAt.getTime(),
            `${later.method} ${later.path} reached ${platform} ${account} before the reset a 429 on ${request.path} announced`,
          ).toBeGreaterThanOrEqual(resetAt)
        }
      })
    }
    console.log(
      `[faults] ${targets.length} targets, ${FAULT_RATE * 100}% faults, ${rateLimits} rate limits honoured; ` +
        Object.entries(counts)
          .map(([status, n]) => `${status} ${n}`)
          .join(', '),
    )
    expect(rateLimits).toBeGreaterThan(0)
    expect(counts.PUBLISHED ?? 0).toBeGreaterThan(targets.length / 2)
  }, 200_000)
})
