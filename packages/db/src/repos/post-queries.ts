import {
  EDITABLE_STATUSES,
  POST_STATUSES,
  type GroupStatus,
  type Platform,
  type PostDraft,
  type PostStatus,
} from '@statex/core'
import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'
import { InvalidInputError, NotFoundError, StatusConflictError } from '../errors.js'
import { Prisma } from '../generated/prisma/client.js'
import type { SocialPost as PostRow } from '../generated/prisma/client.js'
import type {
  ApprovalStatus,
  ListPostsQuery,
  Page,
  PostGroupView,
  PostTargetView,
  SocialPost,
} from '../types.js'
import { fromJsonRow, resolveDraft, toPost } from './posts.js'
import { recurrenceFromJson } from './recurrence.js'
import { applyTransition } from './status.js'

// Targets whose content and time may still change: one list for the API and the dashboard.
export { EDITABLE_STATUSES }

/** Approval states in which nothing of the post may be scheduled or published. */
export const AWAITING_APPROVAL: readonly ApprovalStatus[] = ['pending', 'in_review', 'rejected']

type GroupRow = Prisma.PostGroupGetPayload<{
  include: { targets: { include: { account: { select: { platform: true } } } } }
}>

const withTargets = {
  targets: {
    orderBy: { createdAt: 'asc' },
    include: { account: { select: { platform: true } } },
  },
} satisfies Prisma.PostGroupInclude

function toView(row: GroupRow): PostGroupView {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    createdByUserId: row.createdByUserId,
    content: row.content as unknown as PostDraft,
    scheduledAt: row.scheduledAt,
    timeZone: row.timeZone,
    status: row.status as GroupStatus,
    recurrence: recurrenceFromJson(row.recurrence),
    seriesId: row.seriesId,
    approvalStatus: row.approvalStatus as ApprovalStatus,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    targets: row.targets.map((t): PostTargetView => ({
      ...toPost(t as PostRow),
      platform: t.account.platform,
    })),
  }
}

// Keyset cursor over (created_at desc, id desc): stable while new posts are added at the top.
function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url')
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  const createdAt = new Date(at ?? '')
  if (!id || !isUuid(id) || Number.isNaN(createdAt.getTime()))
    throw new InvalidInputError('The cursor is not one this API returned.')
  return { createdAt, id }
}

const asJson = (value: unknown) => value as Prisma.InputJsonValue

interface ListRow {
  id: string
  workspace_id: string
  created_by_user_id: string | null
  content: unknown
  scheduled_at: Date | null
  time_zone: string
  status: string
  recurrence: unknown
  series_id: string | null
  approval_status: string
  created_at: Date
  updated_at: Date
  targets: (Record<string, unknown> & { platform: Platform })[]
}

function fromListRow(row: ListRow): PostGroupView {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    createdByUserId: row.created_by_user_id,
    content: row.content as PostDraft,
    scheduledAt: row.scheduled_at,
    timeZone: row.time_zone,
    status: row.status as GroupStatus,
    recurrence: recurrenceFromJson(row.recurrence),
    seriesId: row.series_id,
    approvalStatus: row.approval_status as ApprovalStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    targets: row.targets.map((t) => ({ ...fromJsonRow(t), platform: t.platform })),
  }
}

export interface UpdatePostGroupInput {
  workspaceId: string
  id: string
  /** New base content; every editable target's resolved content is recomputed. */
  content?: PostDraft
  /** Per-account override replacements (null clears one). */
  overrides?: Record<string, Partial<PostDraft> | null>
  /** `null` turns scheduled targets back into drafts. */
  scheduledAt?: Date | null
  timeZone?: string
  actor: string
}

/** What an edit did besides the content: `reopened` when an approved post went back to review. */
export interface UpdatePostGroupResult {
  post: PostGroupView
  updated: string[]
  skipped: SocialPost[]
  reopened: boolean
}

export function postQueriesRepository(ctx: DbContext) {
  const { prisma } = ctx

  async function view(workspaceId: string, id: string): Promise<PostGroupView | null> {
    if (!isUuid(id)) return null
    const row = await prisma.postGroup.findFirst({
      where: { id, workspaceId },
      include: withTargets,
    })
    return row ? toView(row) : null
  }

  return {
    /** One post of the workspace with its targets; null when absent or in another workspace. */
    getPostGroupView: view,

    /**
     * The workspace's posts, newest first, filtered; `nextCursor` pages on. One statement: the
     * page of groups and their targets as JSON, over the (workspace_id, created_at, id) index.
     */
    async listPostGroups(query: ListPostsQuery): Promise<Page<PostGroupView>> {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 100)
      const targetFilters: Prisma.Sql[] = []
      // Compared as the enum, not as text: a cast column hides social_posts' status index and
      // statistics from the planner (it guessed 100 FAILED targets of 2,300 and scanned them all).
      // A value outside the enum is dropped (it matched nothing as text; the cast would throw).
      if (query.status?.length)
        targetFilters.push(
          Prisma.sql`p.status = ANY(${query.status.filter((s) => POST_STATUSES.includes(s))}::post_status_enum[])`,
        )
      if (query.platform?.length)
        targetFilters.push(Prisma.sql`a.platform::text = ANY(${query.platform}::text[])`)
      if (query.accountId?.length)
        targetFilters.push(
          Prisma.sql`p.account_id = ANY(${query.accountId.filter(isUuid)}::uuid[])`,
        )
      const where: Prisma.Sql[] = [Prisma.sql`g.workspace_id = ${query.workspaceId}::uuid`]
      if (targetFilters.length)
        where.push(Prisma.sql`EXISTS (SELECT 1 FROM social_posts p JOIN social_accounts a ON a.id = p.account_id
          WHERE p.group_id = g.id AND ${Prisma.join(targetFilters, ' AND ')})`)
      if (query.from) where.push(Prisma.sql`g.scheduled_at >= ${query.from}`)
      if (query.to) where.push(Prisma.sql`g.scheduled_at < ${query.to}`)
      // A substring anywhere in the text: the trigram index of migration
      // 20261203064800_post_text_search finds the candidates (else every post was read).
      if (query.q) {
        const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
        where.push(Prisma.sql`g.content->>'text' ILIKE ${pattern}`)
      }
      if (query.cursor) {
        const c = decodeCursor(query.cursor)
        where.push(Prisma.sql`(g.created_at, g.id) < (${c.createdAt}::timestamptz, ${c.id}::uuid)`)
      }
      const rows = await prisma.$queryRaw<ListRow[]>`
        SELECT g.id::text, g.workspace_id::text, g.created_by_user_id::text, g.content, g.scheduled_at,
          g.time_zone, g.status, g.recurrence, g.series_id::text, g.approval_status, g.created_at, g.updated_at,
          -- Each target as row_to_json gives it (the shape fromJsonRow reads), plus its platform.
          (SELECT coalesce(json_agg((to_jsonb(p.*) || jsonb_build_object('platform', a.platform))
              ORDER BY p.created_at, p.id), '[]'::json)
           FROM social_posts p JOIN social_accounts a ON a.id = p.account_id WHERE p.group_id = g.id) AS targets
        FROM post_groups g
        WHERE ${Prisma.join(where, ' AND ')}
        ORDER BY g.created_at DESC, g.id DESC
        LIMIT ${limit + 1}`
      const items = rows.slice(0, limit).map(fromListRow)
      const last = items.at(-1)
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null }
    },

    /**
     * Edits a post. Only targets nothing was sent for (DRAFT, SCHEDULED, FAILED) change; the rest
     * are returned in `skipped`. A changed time reschedules; `scheduledAt: null` unschedules.
     * Each target is updated on the status and version just read, so a worker that took it in
     * between wins and the target is reported as skipped rather than edited under it.
     *
     * Approval: a content change to an approved post sends it back to review (its editable
     * targets become IN_REVIEW); while a post awaits approval a new time is stored but nothing
     * becomes SCHEDULED. A time change alone keeps the approval: what was approved is the content.
     */
    async updatePostGroup(input: UpdatePostGroupInput): Promise<UpdatePostGroupResult> {
      const current = await view(input.workspaceId, input.id)
      if (!current) throw new NotFoundError('Post', input.id)
      if (input.overrides) {
        for (const accountId of Object.keys(input.overrides)) {
          if (!current.targets.some((t) => t.accountId === accountId))
            throw new InvalidInputError(`Account ${accountId} is not a target of this post.`)
        }
      }
      const content = input.content ?? current.content
      const updated: string[] = []
      const skipped: SocialPost[] = []
      const reopened =
        current.approvalStatus === 'approved' && Boolean(input.content || input.overrides)
      const gated = reopened || AWAITING_APPROVAL.includes(current.approvalStatus)
      await prisma.$transaction(async (tx) => {
        await tx.postGroup.update({
          where: { id: current.id },
          data: {
            ...(input.content ? { content: asJson(input.content) } : {}),
            ...(input.scheduledAt !== undefined ? { scheduledAt: input.scheduledAt } : {}),
            ...(input.timeZone ? { timeZone: input.timeZone } : {}),
            ...(reopened ? { approvalStatus: 'in_review' } : {}),
          },
        })
        if (reopened)
          await tx.postReviewEvent.create({
            data: { groupId: current.id, kind: 'reopened', actor: input.actor },
          })
        for (const target of current.targets) {
          if (!EDITABLE_STATUSES.includes(target.status)) {
            skipped.push(target)
            continue
          }
          const override =
            input.overrides && target.accountId in input.overrides
              ? input.overrides[target.accountId]
              : target.contentOverride
          const data: Prisma.SocialPostUpdateManyMutationInput = {
            content: asJson(resolveDraft(content, override ?? undefined)),
            ...(input.overrides && target.accountId in input.overrides
              ? { contentOverride: override === null ? Prisma.DbNull : asJson(override) }
              : {}),
            ...(input.scheduledAt !== undefined ? { scheduledAt: input.scheduledAt } : {}),
          }
          const to: PostStatus | undefined = reopened
            ? target.status === 'IN_REVIEW'
              ? undefined
              : 'IN_REVIEW'
            : input.scheduledAt === undefined
              ? undefined
              : input.scheduledAt === null
                ? target.status === 'SCHEDULED'
                  ? 'DRAFT'
                  : undefined
                : target.status !== 'SCHEDULED' && !gated
                  ? 'SCHEDULED'
                  : undefined
          try {
            if (to) {
              await applyTransition(
                tx,
                target.id,
                {
                  from: target.status,
                  to,
                  reason:
                    to === 'IN_REVIEW'
                      ? 'edited after approval: back to review'
                      : to === 'DRAFT'
                        ? 'unscheduled'
                        : 'rescheduled',
                  actor: input.actor,
                  expectedVersion: target.version,
                },
                data,
              )
            } else {
              const { count } = await tx.socialPost.updateMany({
                where: { id: target.id, status: target.status, version: target.version },
                data: { ...data, version: { increment: 1 } },
              })
              if (count === 0) throw new StatusConflictError(target.id, target, null)
            }
            updated.push(target.id)
          } catch (error) {
            if (!(error instanceof StatusConflictError)) throw error
            skipped.push(target)
          }
        }
      })
      return { post: (await view(input.workspaceId, input.id))!, updated, skipped, reopened }
    },

    /** Deletes a post and its targets; only when none may be on a platform (the caller checks). */
    async deletePostGroup(workspaceId: string, id: string): Promise<void> {
      const { count } = await prisma.postGroup.deleteMany({ where: { id, workspaceId } })
      if (count === 0) throw new NotFoundError('Post', id)
    },

    /** Sets a target's time, e.g. "now" for publish-now and retry, without a status change. */
    async setTargetSchedule(postId: string, scheduledAt: Date): Promise<void> {
      await prisma.socialPost.update({ where: { id: postId }, data: { scheduledAt } })
    },

    /**
     * Moves a target and sets its time in one transaction, checked by the state machine and the
     * version read (`StatusConflictError` when a worker moved it first).
     */
    async transitionTarget(
      postId: string,
      input: { from: PostStatus; to: PostStatus; reason: string; actor: string; version: number },
      scheduledAt?: Date | null,
    ): Promise<SocialPost> {
      return prisma.$transaction((tx) =>
        applyTransition(
          tx,
          postId,
          {
            from: input.from,
            to: input.to,
            reason: input.reason,
            actor: input.actor,
            expectedVersion: input.version,
          },
          {
            ...(scheduledAt !== undefined ? { scheduledAt } : {}),
            ...(input.to === 'SCHEDULED' ? { lastError: null } : {}),
          },
        ),
      )
    },

    /** Scheduled targets on an account (disconnecting it would strand them). */
    async listScheduledTargetsOfAccount(accountId: string): Promise<SocialPost[]> {
      if (!isUuid(accountId)) return []
      const rows = await prisma.socialPost.findMany({
        where: { accountId, status: 'SCHEDULED' },
        orderBy: { scheduledAt: 'asc' },
      })
      return rows.map(toPost)
    },

    /** Scheduled instants already taken on these accounts in [from, to), for "next free slot". */
    async takenTimes(accountIds: string[], from: Date, to: Date): Promise<Date[]> {
      const rows = await prisma.socialPost.findMany({
        where: {
          accountId: { in: accountIds },
          status: { in: ['IN_REVIEW', 'SCHEDULED', 'PUBLISHING', 'PROCESSING', 'PUBLISHED'] },
          scheduledAt: { gte: from, lt: to },
        },
        select: { scheduledAt: true },
      })
      return rows.flatMap((r) => (r.scheduledAt ? [r.scheduledAt] : []))
    },
  }
}

export type PostQueriesRepository = ReturnType<typeof postQueriesRepository>
