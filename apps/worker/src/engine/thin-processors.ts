import type { Platform, SocialProvider } from '@statex/core'
import type { Db } from '@statex/db'
import { parsePayload, type QueueName } from '@statex/jobs'
import type { Logger } from '@statex/runtime'
import type { Processor } from 'bullmq'
import type { TokenService } from './token-service.js'

export interface ThinProcessorDeps {
  db: Db
  providers: Partial<Record<Platform, SocialProvider>>
  tokens: TokenService
  log: Logger
}

/**
 * The metrics queue's processor, so a job added to it is served rather than left waiting forever:
 * the simple, complete part (pull metrics of given targets); the analytics issue grows it. The
 * inbox's queues live in ../inbox/.
 */
export function createThinProcessors(
  deps: ThinProcessorDeps,
): Pick<Record<QueueName, Processor>, 'sync-metrics'> {
  const { db, providers, tokens } = deps

  async function accountWithProvider(accountId: string) {
    const account = await db.accounts.getAccount(accountId)
    if (!account) return { skipped: `account ${accountId} no longer exists` } as const
    if (account.status !== 'active') return { skipped: `account is ${account.status}` } as const
    const provider = providers[account.platform]
    if (!provider) return { skipped: `${account.platform} is not set up on this server` } as const
    return { account, provider } as const
  }

  return {
    'sync-metrics': async (job) => {
      const data = parsePayload('sync-metrics', job.data)
      const found = await accountWithProvider(data.accountId)
      if ('skipped' in found) return found
      const { account, provider } = found
      if (!provider.fetchMetrics || provider.capabilities.metrics.length === 0)
        return { skipped: `${account.platform} gives no per-post metrics` }
      const posts = (
        await Promise.all((data.targetIds ?? []).map((id) => db.posts.getPost(id)))
      ).filter(
        (post): post is NonNullable<typeof post> =>
          !!post && post.accountId === account.id && post.externalId !== null,
      )
      if (posts.length === 0) return { inserted: 0 }
      const metrics = await provider.fetchMetrics({
        account: await tokens.getAuth(account),
        externalIds: posts.map((post) => post.externalId!),
      })
      const byExternal = new Map(posts.map((post) => [post.externalId!, post.id]))
      return db.metrics.insertMetricSnapshots(
        metrics.flatMap(({ externalId, ...point }) => {
          const postId = byExternal.get(externalId)
          return postId ? [{ ...point, postId }] : []
        }),
      )
    },
  }
}
