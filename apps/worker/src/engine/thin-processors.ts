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
 * Processors for the inbox and auto-reply queues, so a job added to them is served rather than
 * left waiting forever. They do the simple, complete part (poll an account's interactions); the
 * inbox and AI issues grow them. The metrics sync lives in ../metrics/.
 */
export function createThinProcessors(
  deps: ThinProcessorDeps,
): Pick<Record<QueueName, Processor>, 'process-interactions' | 'auto-respond'> {
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
    'process-interactions': async (job) => {
      const data = parsePayload('process-interactions', job.data)
      if (data.source !== 'poll' || !data.accountId)
        return { skipped: 'webhook deliveries are stored and processed by the inbox' }
      const found = await accountWithProvider(data.accountId)
      if ('skipped' in found) return found
      const { account, provider } = found
      if (!provider.listInteractions) return { skipped: `${account.platform} pushes interactions` }
      const auth = await tokens.getAuth(account)
      let inserted = 0
      let cursor: string | undefined
      // Bounded: one job reads at most ten pages; the next poll continues.
      for (let page = 0; page < 10; page++) {
        const answer = await provider.listInteractions({
          account: auth,
          ...(cursor ? { cursor } : {}),
        })
        inserted += (await db.interactions.upsertInteractions(account.id, answer.items)).inserted
        cursor = answer.nextCursor
        if (!cursor) break
      }
      return { inserted }
    },
    'auto-respond': async (job) => {
      const data = parsePayload('auto-respond', job.data)
      const interaction = await db.interactions.getInteraction(data.interactionId)
      if (!interaction) return { skipped: 'the interaction no longer exists' }
      // Drafting needs the AI tier, configured by the AI-replies issue; nothing is sent meanwhile.
      return { skipped: 'auto-replies are not configured on this server' }
    },
  }
}
