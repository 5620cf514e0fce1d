import type { AiChain } from '@statex/ai'
import type { Platform, SocialProvider } from '@statex/core'
import type { Db } from '@statex/db'
import { parsePayload } from '@statex/jobs'
import { draftForInteraction, needsPerson, sendReply, type Logger } from '@statex/runtime'
import type { Processor } from 'bullmq'
import type { TokenService } from '../engine/token-service.js'
import { decideByRule } from './auto-respond-rules.js'

export interface AutoRespondDeps {
  db: Db
  providers: Partial<Record<Platform, SocialProvider>>
  tokens: TokenService
  chain: AiChain | null
  log: Logger
  now?: () => Date
  /** The platform call's limit before its outcome counts as unknown. Default 30 s. */
  replyTimeoutMs?: number
}

const HOUR = 3_600_000

/**
 * `auto-respond`, one job per new interaction that waits for an answer (its id is the
 * interaction's): triage (spam is hidden), then per the account's rule nothing, a draft that
 * waits for a person, or — in `auto` mode, outside quiet hours, under the hourly cap, never for a
 * complaint or a negative message — the draft sent through `sendReply`, which holds the 24-hour
 * window and sends at most once. A retried job finds the claim and sends nothing again.
 */
export function createAutoRespond(deps: AutoRespondDeps): Processor {
  const { db, providers, tokens, log } = deps
  const now = deps.now ?? (() => new Date())
  return async (job) => {
    const { interactionId } = parsePayload('auto-respond', job.data)
    const context = await db.inbox.replyContext(interactionId)
    if (!context) return { skipped: 'the interaction no longer exists' }
    const { interaction, workspaceId } = context
    if (interaction.author.externalId === context.accountExternalId)
      return { skipped: 'our own interaction' }
    if (interaction.repliedAt || (await db.inbox.getReplyFor(interactionId)))
      return { skipped: 'already answered' }

    const [rule, sentLastHour] = await Promise.all([
      db.inboxSettings.ruleFor(workspaceId, interaction.accountId),
      db.inbox.countAutoReplies(interaction.accountId, new Date(now().getTime() - HOUR)),
    ])
    const decision = decideByRule({
      rule,
      interaction,
      now: now(),
      timeZone: context.timeZone,
      autoRepliesLastHour: sentLastHour,
    })
    // Spam is hidden whatever the rule; without a rule, the cheap rules alone decide.
    const drafted = await draftForInteraction({ db, providers, chain: deps.chain }, interactionId, {
      triageOnly: decision.action === 'none',
    })
    if (drafted.status !== 'drafted')
      return {
        action: decision.action,
        draft: drafted.status,
        ...('reason' in drafted ? { reason: drafted.reason } : {}),
      }
    if (decision.action !== 'auto') return { action: decision.action, draft: 'waiting' }
    if (needsPerson(drafted.triage))
      return { action: 'suggest', draft: 'waiting', reason: 'needs a person' }

    const outcome = await sendReply(
      {
        db,
        providers,
        getAuth: async (accountId) => {
          const account = await db.accounts.getAccount(accountId)
          if (!account) throw new Error(`account ${accountId} no longer exists`)
          return tokens.getAuth(account)
        },
        now,
        ...(deps.replyTimeoutMs ? { timeoutMs: deps.replyTimeoutMs } : {}),
      },
      {
        interactionId,
        text: drafted.text,
        source: 'auto',
        aiTier: drafted.completion.tier,
        actor: 'worker',
        // Checked again when claiming: concurrent jobs of one account cannot pass it together.
        hourlyCap: rule!.hourlyCap,
      },
    )
    if (outcome.status === 'unknown' || outcome.status === 'failed')
      log.warn(
        { interaction: interactionId, status: outcome.status, err: outcome.error },
        'automatic reply not confirmed',
      )
    // Never thrown: a retry of this job must not send again, and the claim already says so.
    return {
      action: 'auto',
      sent: outcome.status,
      ...(outcome.status === 'refused' ? { reason: outcome.message } : {}),
    }
  }
}
