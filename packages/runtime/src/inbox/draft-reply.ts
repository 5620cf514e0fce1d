import {
  draftReply,
  triage,
  AllTiersFailedError,
  type AiChain,
  type Completion,
  type Triage,
} from '@statex/ai'
import type { Platform, SocialProvider } from '@statex/core'
import type { AiUsageRecord, Db } from '@statex/db'
import { replyAnswerCheck } from './reply-check.js'

export interface DraftDeps {
  db: Db
  providers: Partial<Record<Platform, SocialProvider>>
  /** Null when no tier is configured: triage by rules only, no drafts. */
  chain: AiChain | null
}

export type DraftOutcome =
  | { status: 'drafted'; triage: Triage; text: string; completion: Completion }
  | { status: 'hidden'; triage: Triage }
  | { status: 'skipped'; triage?: Triage; reason: string }

/** A complaint or a negative message goes to a person: drafted at most, never sent automatically. */
export const needsPerson = (t: Pick<Triage, 'intent' | 'sentiment'>) =>
  t.intent === 'complaint' || t.sentiment === 'negative'

/**
 * Triage, then (unless spam) an AI draft stored on the interaction for a person to approve, edit
 * or reject: from the post it answers, the conversation so far, the workspace's brand voice and
 * the FAQ entries full-text search finds. Every model call's tier, tokens and cost are recorded.
 */
export async function draftForInteraction(
  deps: DraftDeps,
  interactionId: string,
  options: { triageOnly?: boolean } = {},
): Promise<DraftOutcome> {
  const { db } = deps
  const context = await db.inbox.replyContext(interactionId)
  if (!context) return { status: 'skipped', reason: 'the interaction no longer exists' }
  const { interaction, workspaceId } = context
  const text = interaction.text ?? ''
  const record = (purpose: AiUsageRecord['purpose']) => async (c: Completion) =>
    db.inboxSettings.recordUsage({ workspaceId, purpose, interactionId, ...c })

  const triaged = await triage(text, options.triageOnly ? null : deps.chain, {
    onUsage: record('triage'),
  })
  await db.interactions.saveTriage(interactionId, triaged)
  if (triaged.intent === 'spam') return { status: 'hidden', triage: triaged }
  if (options.triageOnly) return { status: 'skipped', triage: triaged, reason: 'triage only' }
  if (!deps.chain) return { status: 'skipped', triage: triaged, reason: 'no AI tier is configured' }
  const provider = deps.providers[interaction.platform]
  if (!provider)
    return { status: 'skipped', triage: triaged, reason: `${interaction.platform} is not set up` }

  const [voice, knowledge, post, timeline] = await Promise.all([
    db.inboxSettings.getBrandVoice(workspaceId),
    db.inboxSettings.searchKnowledge(workspaceId, text),
    interaction.postId ? db.posts.getPost(interaction.postId) : null,
    interaction.inboxConversationId
      ? db.inbox.getTimeline(workspaceId, interaction.inboxConversationId)
      : null,
  ])
  const history = timeline
    ? [
        ...timeline.interactions
          .filter((i) => i.id !== interactionId && i.text && i.createdAt <= interaction.createdAt)
          .map((i) => ({ at: i.createdAt, from: 'them' as const, text: i.text! })),
        ...timeline.replies
          .filter((r) => r.status === 'sent')
          .map((r) => ({ at: r.sentAt ?? r.createdAt, from: 'us' as const, text: r.text })),
      ]
        .sort((a, b) => a.at.getTime() - b.at.getTime())
        .map(({ from, text: t }) => ({ from, text: t }))
    : []
  try {
    const completion = await draftReply(
      deps.chain,
      {
        platform: interaction.platform,
        interaction: { type: interaction.type, text, authorName: interaction.author.name },
        postText: post?.content.text ?? null,
        history,
        voice,
        knowledge,
        maxLength: provider.capabilities.content.text.max,
      },
      { check: replyAnswerCheck(provider), onUsage: record('reply') },
    )
    await db.interactions.saveAiDraft(interactionId, {
      text: completion.text,
      tier: completion.tier,
    })
    return { status: 'drafted', triage: triaged, text: completion.text, completion }
  } catch (error) {
    if (error instanceof AllTiersFailedError)
      return { status: 'skipped', triage: triaged, reason: error.message }
    throw error
  }
}
