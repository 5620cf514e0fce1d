import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'

const MAX_ERROR = 2000

/**
 * The first comment of a published target, sent at most once: the claim moves it from nothing
 * to `sending` with one conditional UPDATE, so of two workers (a job run twice, a reconcile
 * racing a publish) only one ever calls the platform. A claim that never finishes stays
 * `sending`, which the API shows as unsettled rather than sending it again.
 */
export function firstCommentsRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    async claimFirstComment(
      targetId: string,
    ): Promise<{ text: string; externalPostId: string } | null> {
      if (!isUuid(targetId)) return null
      const rows = await prisma.$queryRaw<{ text: string; external_id: string }[]>`
        UPDATE social_posts SET first_comment_status = 'sending', updated_at = now()
        WHERE id = ${targetId}::uuid AND status = 'PUBLISHED' AND external_id IS NOT NULL
          AND first_comment_status IS NULL
          AND length(coalesce(content->>'firstComment', '')) > 0
        RETURNING content->>'firstComment' AS text, external_id`
      const row = rows[0]
      return row ? { text: row.text, externalPostId: row.external_id } : null
    },

    /**
     * Published targets whose first comment was never claimed, published between `since` and
     * `before`: the worker died between the post and its comment, or the job was lost. The
     * partial index (migration first_comment_sweep) holds only such rows, so the scan stays small.
     */
    async listUnclaimedFirstComments(input: {
      before: Date
      since: Date
      limit: number
    }): Promise<{ targetId: string; accountId: string }[]> {
      const rows = await prisma.$queryRaw<{ id: string; account_id: string }[]>`
        SELECT id, account_id FROM social_posts
        WHERE status = 'PUBLISHED' AND first_comment_status IS NULL AND content ? 'firstComment'
          AND length(content->>'firstComment') > 0
          AND published_at < ${input.before} AND published_at >= ${input.since}
        ORDER BY published_at
        LIMIT ${input.limit}`
      return rows.map((row) => ({ targetId: row.id, accountId: row.account_id }))
    },

    async recordFirstComment(
      targetId: string,
      outcome:
        { status: 'sent'; externalId: string } | { status: 'failed' | 'unknown'; error: string },
    ): Promise<void> {
      await prisma.socialPost.updateMany({
        where: { id: targetId, firstCommentStatus: 'sending' },
        data:
          outcome.status === 'sent'
            ? { firstCommentStatus: 'sent', firstCommentExternalId: outcome.externalId }
            : {
                firstCommentStatus: outcome.status,
                firstCommentError: outcome.error.slice(0, MAX_ERROR),
              },
      })
    },
  }
}
