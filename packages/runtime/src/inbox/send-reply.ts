import {
  messagingWindow,
  ProviderError,
  type AccountAuth,
  type Interaction,
  type Platform,
  type SocialProvider,
  type ValidationIssue,
} from '@statex/core'
import type { AiTier, Db, InboxItem, InboxReply, ReplySource } from '@statex/db'
import { replyIssues } from './reply-check.js'

export interface SendReplyDeps {
  db: Db
  providers: Partial<Record<Platform, SocialProvider>>
  /** The account's credentials (the worker's TokenService refreshes them; the API reads them). */
  getAuth(accountId: string): Promise<AccountAuth>
  now?: () => Date
  /** How long the platform call may take before its outcome counts as unknown. Default 30 s. */
  timeoutMs?: number
}

export interface SendReplyInput {
  interactionId: string
  text: string
  source: ReplySource
  aiTier?: AiTier | null
  /** `user:<id>`, `api-key:<id>` or `worker`. */
  actor: string
  /** Automatic replies: at most this many per account per hour (checked when claiming). */
  hourlyCap?: number
}

/**
 * What became of a send. Only `sent` reached the platform for certain; `unknown` may have, and is
 * never sent again (a person checks); `already` means an earlier send claimed the interaction.
 */
export type SendReplyOutcome =
  | { status: 'sent'; reply: InboxReply }
  | { status: 'already'; reply: InboxReply }
  | { status: 'unknown'; reply: InboxReply; error: ProviderError | Error }
  | { status: 'failed'; error: ProviderError }
  | {
      status: 'refused'
      code: 'NOT_FOUND' | 'UNSUPPORTED' | 'OURS' | 'WINDOW_CLOSED' | 'INVALID_TEXT' | 'HOURLY_CAP'
      message: string
      issues?: ValidationIssue[]
    }

/** The interaction as the adapter's `reply` takes it. */
export function toProviderInteraction(item: InboxItem): Interaction {
  return {
    platform: item.platform,
    externalId: item.externalId,
    type: item.type,
    author: {
      externalId: item.author.externalId,
      ...(item.author.name ? { name: item.author.name } : {}),
      ...(item.author.handle ? { handle: item.author.handle } : {}),
    },
    ...(item.text ? { text: item.text } : {}),
    ...(item.externalPostId ? { externalPostId: item.externalPostId } : {}),
    ...(item.parentExternalId ? { parentExternalId: item.parentExternalId } : {}),
    ...(item.conversationId ? { conversationId: item.conversationId } : {}),
    createdAt: item.createdAt,
    raw: null,
  }
}

/**
 * The one way a reply reaches a platform — a person's reply, an approved AI draft and an
 * automatic reply all come here — so the same checks hold for each: never to ourselves, the text
 * passes the adapter's `validate`, the 24-hour messaging window (`messagingWindow`) is open, and
 * the interaction is claimed in the database before the adapter's `reply` is called, so it is
 * answered at most once. A timeout or a dropped connection leaves the claim `unknown`: never re-sent.
 */
export async function sendReply(
  deps: SendReplyDeps,
  input: SendReplyInput,
): Promise<SendReplyOutcome> {
  const now = deps.now ?? (() => new Date())
  const context = await deps.db.inbox.replyContext(input.interactionId)
  if (!context)
    return { status: 'refused', code: 'NOT_FOUND', message: 'The interaction no longer exists.' }
  const { interaction } = context
  const provider = deps.providers[interaction.platform]
  if (!provider?.reply)
    return {
      status: 'refused',
      code: 'UNSUPPORTED',
      message: `${interaction.platform} replies are not supported on this server.`,
    }
  // Ours: written by the account itself, or one of our replies coming back through a poll.
  if (
    interaction.author.externalId === context.accountExternalId ||
    (await deps.db.inbox.isOurReply(interaction.accountId, interaction.externalId))
  )
    return {
      status: 'refused',
      code: 'OURS',
      message: 'This interaction is our own; it gets no reply.',
    }
  const issues = replyIssues(provider, input.text)
  if (issues.length)
    return {
      status: 'refused',
      code: 'INVALID_TEXT',
      message: `The reply does not suit ${interaction.platform}: ${issues.map((i) => i.message).join(' ')}`,
      issues,
    }
  const window = messagingWindow({
    platform: interaction.platform,
    type: interaction.type,
    lastInboundAt: context.lastInboundAt,
    now: now(),
  })
  if (!window.open) return { status: 'refused', code: 'WINDOW_CLOSED', message: window.message }

  // Credentials before the claim: failing to read them sends nothing, so it must not block a retry.
  const account = await deps.getAuth(interaction.accountId)
  const claim = await deps.db.inbox.claimReply({ ...input, now: now() })
  if (claim.capped)
    return {
      status: 'refused',
      code: 'HOURLY_CAP',
      message: `The account sent its ${input.hourlyCap} automatic replies of the last hour.`,
    }
  if (!claim.claimed) return { status: 'already', reply: claim.reply }
  try {
    const sent = await provider.reply({
      account,
      to: toProviderInteraction(interaction),
      text: input.text,
      signal: AbortSignal.timeout(deps.timeoutMs ?? 30_000),
    })
    const reply = await deps.db.inbox.finishReply(claim.reply.id, {
      status: 'sent',
      externalId: sent.externalId,
      at: now(),
    })
    return { status: 'sent', reply: reply! }
  } catch (error) {
    if (ProviderError.is(error) && error.outcome === 'not_sent') {
      await deps.db.inbox.finishReply(claim.reply.id, { status: 'not_sent', error: error.message })
      return { status: 'failed', error }
    }
    // A timeout, an abort, a dropped connection or our own failure after the call: it may have landed.
    const reason = error instanceof Error ? error : new Error(String(error))
    const reply = await deps.db.inbox.finishReply(claim.reply.id, {
      status: 'unknown',
      error: ProviderError.is(reason) ? reason.message : `${reason.name}: ${reason.message}`,
    })
    return { status: 'unknown', reply: reply!, error: reason }
  }
}
