import {
  ProviderError,
  nextMetricsSync,
  type MetricsSchedule,
  type Platform,
  type PostMetrics,
  type SocialProvider,
} from '@statex/core'
import type { Db, MetricsDueItem } from '@statex/db'
import type { Logger } from '@statex/runtime'
import type { AccountGate } from '../engine/account-gate.js'
import type { TokenService } from '../engine/token-service.js'

export interface SyncMetricsDeps {
  db: Db
  providers: Partial<Record<Platform, SocialProvider>>
  tokens: TokenService
  /**
   * The metrics sync's own per-account pauses, apart from publishing's: a rate-limited metrics
   * read waits for its reset without holding back a post (platforms limit reads and writes apart).
   */
  gate: AccountGate
  /**
   * Publishing's pauses, read only: while a platform has told publishing to wait for an account,
   * a metrics read of that account waits too (Telegram's flood limit is the bot's, whatever the
   * method). The other way round never: a metrics pause does not hold a post back.
   */
  publishPauses?: Pick<AccountGate, 'pausedFor' | 'pause'>
  schedule: MetricsSchedule
  log: Logger
  /** Answers in a row leaving a post out before it counts as deleted on the platform. Default 3. */
  deleteAfterMisses?: number
  now?: () => number
}

export type SyncOutcome =
  | { inserted: number; missing: number; deleted: number }
  | { waitedMs: number; why: 'rate_limited' }
  | { skipped: string }

// A platform that says "rate limited" without saying until when: look again in this long.
const DEFAULT_RATE_LIMIT_WAIT_MS = 15 * 60_000

/** Fetches and records one account's batch of targets, or its account-level figures. */
export function createMetricsSync(deps: SyncMetricsDeps) {
  const { db, providers, tokens, gate, schedule, log } = deps
  const now = deps.now ?? Date.now
  /**
   * A rate limit on a read: the metrics sync waits; publishing waits with it only where the
   * platform's limit is the account's as a whole (`rateLimitScope: 'account'`, Telegram).
   */
  const rateLimited = async (provider: SocialProvider, accountId: string, ms: number) => {
    if (provider.capabilities.rateLimitScope === 'account')
      await deps.publishPauses?.pause(accountId, ms)
  }
  /** How long a read of this account must wait: the longer of the two pauses. */
  const pausedFor = async (accountId: string) =>
    Math.max(await gate.pausedFor(accountId), (await deps.publishPauses?.pausedFor(accountId)) ?? 0)

  async function activeAccount(accountId: string) {
    const account = await db.accounts.getAccount(accountId)
    if (!account) return { skipped: `account ${accountId} no longer exists` } as const
    if (account.status !== 'active') return { skipped: `account is ${account.status}` } as const
    const provider = providers[account.platform]
    if (!provider) return { skipped: `${account.platform} is not set up on this server` } as const
    return { account, provider } as const
  }

  /** Every target of the batch waits until the account's reset; nothing else is held. */
  async function waitFor(accountId: string, targets: MetricsDueItem[], ms: number) {
    await gate.pause(accountId, ms)
    await db.metrics.rescheduleSync(
      targets.map((t) => t.postId),
      new Date(now() + ms),
    )
    return { waitedMs: ms, why: 'rate_limited' } as const
  }

  async function fetchAll(
    provider: SocialProvider,
    auth: Awaited<ReturnType<TokenService['getAuth']>>,
    targets: MetricsDueItem[],
  ): Promise<{ metrics: PostMetrics[]; gone: string[] }> {
    const externalIds = targets.map((t) => t.externalId)
    try {
      return { metrics: await provider.fetchMetrics!({ account: auth, externalIds }), gone: [] }
    } catch (error) {
      if (!(ProviderError.is(error) && error.kind === 'not_found')) throw error
      // Platforms asked post by post (Graph) fail the whole call for one deleted post: ask each
      // alone to tell which one it was.
      if (targets.length === 1) return { metrics: [], gone: [targets[0]!.postId] }
      const metrics: PostMetrics[] = []
      const gone: string[] = []
      for (const target of targets) {
        const one = await fetchAll(provider, auth, [target])
        metrics.push(...one.metrics)
        gone.push(...one.gone)
      }
      return { metrics, gone }
    }
  }

  return {
    async syncPosts(accountId: string, targetIds: string[]): Promise<SyncOutcome> {
      const found = await activeAccount(accountId)
      if (found.skipped !== undefined) return { skipped: found.skipped }
      const { account, provider } = found
      if (!provider.fetchMetrics || provider.capabilities.metrics.length === 0)
        return { skipped: `${account.platform} gives no per-post metrics` }
      const targets = await db.metrics.listSyncTargets(account.id, targetIds)
      if (targets.length === 0) return { inserted: 0, missing: 0, deleted: 0 }
      const paused = await pausedFor(account.id)
      if (paused > 0) return waitFor(account.id, targets, paused)

      let answer: Awaited<ReturnType<typeof fetchAll>>
      try {
        answer = await fetchAll(provider, await tokens.getAuth(account), targets)
      } catch (error) {
        if (ProviderError.is(error) && error.kind === 'rate_limited') {
          const wait = error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS
          await rateLimited(provider, account.id, wait)
          return waitFor(account.id, targets, wait)
        }
        throw error
      }
      const at = new Date(now())
      const byExternal = new Map<string, MetricsDueItem[]>()
      for (const target of targets) {
        const list = byExternal.get(target.externalId) ?? []
        list.push(target)
        byExternal.set(target.externalId, list)
      }
      const answered = new Set<string>()
      const collected = answer.metrics.flatMap(({ externalId, ...metrics }) =>
        (byExternal.get(externalId) ?? []).map((target) => {
          answered.add(target.postId)
          return {
            postId: target.postId,
            metrics,
            nextSyncAt: nextMetricsSync(target.publishedAt, at, schedule),
          }
        }),
      )
      const gone = new Set(answer.gone)
      const missing = targets
        .filter((t) => !answered.has(t.postId) && !gone.has(t.postId))
        .map((t) => ({
          postId: t.postId,
          nextSyncAt: nextMetricsSync(t.publishedAt, at, schedule),
        }))
      const result = await db.metrics.recordSync({
        collected,
        missing,
        deleteAfterMisses: deps.deleteAfterMisses ?? 3,
      })
      // The platform said so outright (not_found asked alone): no need to wait for more misses.
      await db.metrics.stopSync([...gone], 'deleted', at)
      const deleted = result.deleted + gone.size
      if (deleted > 0) log.info({ account: account.id, deleted }, 'posts deleted on the platform')
      return { inserted: result.inserted, missing: missing.length, deleted }
    },

    async syncAccount(accountId: string): Promise<SyncOutcome> {
      const found = await activeAccount(accountId)
      if (found.skipped !== undefined) return { skipped: found.skipped }
      const { account, provider } = found
      if (!provider.fetchAccountMetrics)
        return { skipped: `${account.platform} gives no account-level figures` }
      if ((await pausedFor(account.id)) > 0) return { skipped: 'rate limited; tomorrow again' }
      try {
        const figures = await provider.fetchAccountMetrics({
          account: await tokens.getAuth(account),
        })
        await db.metrics.recordAccountMetrics(account.id, figures)
        return { inserted: 1, missing: 0, deleted: 0 }
      } catch (error) {
        if (ProviderError.is(error) && error.kind === 'rate_limited') {
          const wait = error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS
          await rateLimited(provider, account.id, wait)
          await gate.pause(account.id, wait)
          return { skipped: 'rate limited; tomorrow again' }
        }
        throw error
      }
    },
  }
}

export type MetricsSync = ReturnType<typeof createMetricsSync>
