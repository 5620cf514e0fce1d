import { isTimeZone } from '@statex/core'
import { randomUUID } from 'node:crypto'
import type { Delivery, GroupStatus, PostDraft, PostStatus, RecurrenceRule } from '@statex/core'
import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'
import { InvalidInputError, NotFoundError } from '../errors.js'
import type { PostGroup as GroupRow, SocialPost as PostRow } from '../generated/prisma/client.js'
import type {
  ApprovalStatus,
  FirstCommentStatus,
  PostGroup,
  PostGroupWithTargets,
  SocialPost,
} from '../types.js'
import { checkRecurrence, recurrenceFromJson, recurrenceToJson } from './recurrence.js'

export function toPost(row: PostRow): SocialPost {
  return {
    id: row.id,
    groupId: row.groupId,
    accountId: row.accountId,
    status: row.status,
    content: row.content as unknown as PostDraft,
    contentOverride: (row.contentOverride ?? null) as Partial<PostDraft> | null,
    scheduledAt: row.scheduledAt,
    externalId: row.externalId,
    url: row.url,
    publishedAt: row.publishedAt,
    lastError: row.lastError,
    partIds: row.partIds,
    deliveries: (row.deliveries ?? null) as Delivery[] | null,
    nextCheckAt: row.nextCheckAt,
    firstCommentStatus: row.firstCommentStatus as FirstCommentStatus | null,
    firstCommentExternalId: row.firstCommentExternalId,
    firstCommentError: row.firstCommentError,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

function toGroup(row: GroupRow): PostGroup {
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
  }
}

/** The group's draft with one target's override on top; platform options merge per platform. */
export function resolveDraft(base: PostDraft, override: Partial<PostDraft> | undefined): PostDraft {
  if (!override) return base
  const resolved: PostDraft = { ...base, ...override }
  if (base.options || override.options) resolved.options = { ...base.options, ...override.options }
  return resolved
}

// isTimeZone keeps each known zone's formatter: building one was about 1% of a create under load.
function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone))
    throw new InvalidInputError(`"${timeZone}" is not an IANA time zone (e.g. "Europe/Prague").`)
}

export interface CreatePostGroupInput {
  workspaceId: string
  createdByUserId?: string
  content: PostDraft
  /** One post per account; `override` replaces fields of `content` for that account only. */
  targets: { accountId: string; override?: Partial<PostDraft> }[]
  /** The instant to publish at; required for SCHEDULED. */
  scheduledAt?: Date
  /** IANA zone the person scheduled in, kept for display. Default `UTC`. */
  timeZone?: string
  /**
   * Default: SCHEDULED when `scheduledAt` is given, else DRAFT. IN_REVIEW: submitted for approval
   * at once (its `scheduledAt`, if any, is kept for when it is approved).
   */
  status?: Extract<PostStatus, 'DRAFT' | 'SCHEDULED' | 'IN_REVIEW'>
  /** Default `not_required`; IN_REVIEW implies `in_review`. SCHEDULED needs `not_required`. */
  approvalStatus?: Extract<ApprovalStatus, 'not_required' | 'pending'>
  /** Repeats weekly by this rule after the first occurrence (`scheduledAt`); needs SCHEDULED. */
  recurrence?: RecurrenceRule
  /** Recorded in the status audit, e.g. `user:<id>`. */
  actor: string
}

type JsonRow = Record<string, unknown>
interface CreatedRow {
  group: JsonRow
  target: JsonRow
}

/** A social_posts row as `row_to_json` gives it (snake_case, timestamps as strings). */
export function fromJsonRow(row: JsonRow): SocialPost {
  const date = (value: unknown) => (value ? new Date(value as string) : null)
  return {
    id: row.id as string,
    groupId: row.group_id as string,
    accountId: row.account_id as string,
    status: row.status as PostStatus,
    content: row.content as PostDraft,
    contentOverride: (row.content_override ?? null) as Partial<PostDraft> | null,
    scheduledAt: date(row.scheduled_at),
    externalId: (row.external_id ?? null) as string | null,
    url: (row.url ?? null) as string | null,
    publishedAt: date(row.published_at),
    lastError: (row.last_error ?? null) as string | null,
    partIds: (row.part_ids ?? []) as string[],
    deliveries: (row.deliveries ?? null) as Delivery[] | null,
    nextCheckAt: date(row.next_check_at),
    firstCommentStatus: (row.first_comment_status ?? null) as FirstCommentStatus | null,
    firstCommentExternalId: (row.first_comment_external_id ?? null) as string | null,
    firstCommentError: (row.first_comment_error ?? null) as string | null,
    version: row.version as number,
    createdAt: new Date(row.created_at as string),
    updatedAt: new Date(row.updated_at as string),
  }
}

export function postsRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /**
     * Creates the group and one target per account, with their initial audit rows, in one
     * transaction. Every account must belong to the workspace.
     */
    async createPostGroup(input: CreatePostGroupInput): Promise<PostGroupWithTargets> {
      const timeZone = input.timeZone ?? 'UTC'
      assertTimeZone(timeZone)
      const status = input.status ?? (input.scheduledAt ? 'SCHEDULED' : 'DRAFT')
      if (status === 'SCHEDULED' && !input.scheduledAt)
        throw new InvalidInputError('A scheduled post needs scheduledAt.')
      const approvalStatus: ApprovalStatus =
        status === 'IN_REVIEW' ? 'in_review' : (input.approvalStatus ?? 'not_required')
      if (status === 'SCHEDULED' && approvalStatus !== 'not_required')
        throw new InvalidInputError('A post that needs approval is submitted, not scheduled.')
      if (input.targets.length === 0)
        throw new InvalidInputError('A post needs at least one target account.')
      if (input.recurrence) {
        if (status !== 'SCHEDULED')
          throw new InvalidInputError('Only a scheduled post can repeat; give it a time.')
        checkRecurrence(input.recurrence)
      }
      const recurrence = input.recurrence
        ? JSON.stringify(recurrenceToJson(input.recurrence))
        : null
      const accountIds = input.targets.map((target) => target.accountId)
      if (new Set(accountIds).size !== accountIds.length)
        throw new InvalidInputError('An account is targeted twice.')

      // One statement, so atomic without an interactive transaction: the ownership check, the
      // group, its targets and their audit rows. Scheduling is the API's hottest write.
      const groupId = randomUUID()
      const targets = input.targets.map((target) => ({
        id: randomUUID(),
        account_id: target.accountId,
        content: resolveDraft(input.content, target.override),
        override: target.override ?? null,
      }))
      const scheduledAt = input.scheduledAt ?? null
      const groupStatus: GroupStatus =
        status === 'SCHEDULED' ? 'scheduled' : status === 'IN_REVIEW' ? 'in_review' : 'draft'
      const rows = await prisma.$queryRaw<CreatedRow[]>`
        WITH owned AS (
          SELECT count(*)::int AS n FROM social_accounts
          WHERE workspace_id = ${input.workspaceId}::uuid AND id = ANY(${accountIds}::uuid[])
        ), g AS (
          INSERT INTO post_groups (id, workspace_id, created_by_user_id, content, scheduled_at, time_zone, status, approval_status, recurrence, series_id, updated_at)
          SELECT ${groupId}::uuid, ${input.workspaceId}::uuid, ${input.createdByUserId ?? null}::uuid,
            ${JSON.stringify(input.content)}::jsonb, ${scheduledAt}::timestamptz, ${timeZone}, ${groupStatus}, ${approvalStatus},
            ${recurrence}::jsonb, ${recurrence ? groupId : null}::uuid, now()
          FROM owned WHERE owned.n = ${accountIds.length}
          RETURNING *
        ), t AS (
          INSERT INTO social_posts (id, group_id, account_id, status, content, content_override, scheduled_at, updated_at)
          SELECT x.id, g.id, x.account_id, ${status}::post_status_enum, x.content,
            NULLIF(x.override, 'null'::jsonb), g.scheduled_at, now()
          FROM g, jsonb_to_recordset(${JSON.stringify(targets)}::jsonb)
            AS x(id uuid, account_id uuid, content jsonb, override jsonb)
          RETURNING *
        ), a AS (
          INSERT INTO post_status_changes (post_id, from_status, to_status, reason, actor)
          SELECT t.id, NULL, t.status, ${status === 'IN_REVIEW' ? 'created and submitted for review' : 'created'}, ${input.actor} FROM t
        ), r AS (
          INSERT INTO post_review_events (group_id, kind, actor)
          SELECT g.id, 'submitted', ${input.actor} FROM g WHERE ${status === 'IN_REVIEW'}
        )
        SELECT row_to_json(g.*) AS "group", row_to_json(t.*) AS target FROM g JOIN t ON t.group_id = g.id`
      if (rows.length === 0)
        throw new InvalidInputError('Every target account must belong to the workspace.')
      const order = new Map<string, number>(targets.map((target, i) => [target.id, i]))
      const created = rows
        .map((row) => fromJsonRow(row.target))
        .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      const g = rows[0]!.group
      return {
        id: g.id as string,
        workspaceId: g.workspace_id as string,
        createdByUserId: (g.created_by_user_id ?? null) as string | null,
        content: g.content as PostDraft,
        scheduledAt: g.scheduled_at ? new Date(g.scheduled_at as string) : null,
        timeZone: g.time_zone as string,
        status: g.status as GroupStatus,
        recurrence: recurrenceFromJson(g.recurrence),
        seriesId: (g.series_id ?? null) as string | null,
        approvalStatus: g.approval_status as ApprovalStatus,
        createdAt: new Date(g.created_at as string),
        targets: created,
      }
    },

    async getPostGroup(id: string): Promise<PostGroupWithTargets | null> {
      if (!isUuid(id)) return null
      const row = await prisma.postGroup.findUnique({
        where: { id },
        include: { targets: { orderBy: { createdAt: 'asc' } } },
      })
      return row ? { ...toGroup(row), targets: row.targets.map(toPost) } : null
    },

    async getPost(id: string): Promise<SocialPost | null> {
      if (!isUuid(id)) return null
      const row = await prisma.socialPost.findUnique({ where: { id } })
      return row ? toPost(row) : null
    },

    /** The workspace a post belongs to, for authorisation checks. */
    async getPostWorkspaceId(id: string): Promise<string> {
      if (!isUuid(id)) throw new NotFoundError('Post', id)
      const row = await prisma.socialPost.findUnique({
        where: { id },
        select: { group: { select: { workspaceId: true } } },
      })
      if (!row) throw new NotFoundError('Post', id)
      return row.group.workspaceId
    },

    /**
     * Targets whose time has come: status SCHEDULED and `scheduledAt <= now`, oldest first,
     * read through the (status, scheduled_at) index. Picking one up is `beginPublishAttempt`.
     */
    async listDueTargets(options: { now?: Date; limit?: number } = {}): Promise<SocialPost[]> {
      const rows = await prisma.socialPost.findMany({
        where: { status: 'SCHEDULED', scheduledAt: { lte: options.now ?? new Date() } },
        orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }],
        take: options.limit ?? 100,
      })
      return rows.map(toPost)
    },
  }
}

export type PostsRepository = ReturnType<typeof postsRepository>
