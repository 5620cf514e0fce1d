import { randomUUID } from 'node:crypto'
import type { DbContext } from '../context.js'
import type { Prisma } from '../generated/prisma/client.js'
import { InvalidInputError } from '../errors.js'
import type { CreatePostGroupInput } from './posts.js'
import { resolveDraft } from './posts.js'

/** Rows per INSERT: big enough to amortise the round trip, small enough for one JSON parameter. */
const CHUNK = 1000

export interface BulkCreateInput {
  workspaceId: string
  createdByUserId?: string
  actor: string
  /** The audit rows' reason; default `imported`. */
  reason?: string
  posts: Omit<CreatePostGroupInput, 'workspaceId' | 'createdByUserId' | 'actor'>[]
}

/**
 * Creates many posts in ONE transaction: all of them or none. Each statement inserts a chunk of
 * groups, their targets and their audit rows through `jsonb_to_recordset`, so 10,000 posts are
 * a few dozen statements rather than 30,000. The caller has validated the content; this checks
 * that every account is the workspace's, the rest is the same as `createPostGroup`.
 */
export function bulkPostsRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    createPostGroups(input: BulkCreateInput): Promise<{ groupIds: string[] }> {
      return prisma.$transaction((tx) => insertPostGroups(tx, input), {
        timeout: 120_000,
        maxWait: 10_000,
      })
    },
  }
}

/** `createPostGroups` inside the caller's transaction (the feed poller's, with its items). */
export async function insertPostGroups(
  tx: Prisma.TransactionClient,
  input: BulkCreateInput,
): Promise<{ groupIds: string[] }> {
  const groups = input.posts.map((post) => {
    const status = post.status ?? (post.scheduledAt ? 'SCHEDULED' : 'DRAFT')
    if (status === 'SCHEDULED' && !post.scheduledAt)
      throw new InvalidInputError('A scheduled post needs scheduledAt.')
    const approval = status === 'IN_REVIEW' ? 'in_review' : (post.approvalStatus ?? 'not_required')
    return {
      id: randomUUID(),
      content: post.content,
      scheduled_at: post.scheduledAt?.toISOString() ?? null,
      time_zone: post.timeZone ?? 'UTC',
      status,
      group_status:
        status === 'SCHEDULED' ? 'scheduled' : status === 'IN_REVIEW' ? 'in_review' : 'draft',
      approval_status: approval,
      targets: post.targets.map((t) => ({
        id: randomUUID(),
        account_id: t.accountId,
        content: resolveDraft(post.content, t.override),
        override: t.override ?? null,
      })),
    }
  })
  const accountIds = [...new Set(groups.flatMap((g) => g.targets.map((t) => t.account_id)))]
  const [row] = await tx.$queryRaw<{ n: number }[]>`
            SELECT count(*)::int AS n FROM social_accounts
            WHERE workspace_id = ${input.workspaceId}::uuid AND id = ANY(${accountIds}::uuid[])`
  if (row?.n !== accountIds.length)
    throw new InvalidInputError('Every target account must belong to the workspace.')
  for (let i = 0; i < groups.length; i += CHUNK) {
    const chunk = groups.slice(i, i + CHUNK)
    const targets = chunk.flatMap((g) =>
      g.targets.map((t) => ({
        ...t,
        group_id: g.id,
        status: g.status,
        scheduled_at: g.scheduled_at,
      })),
    )
    const submitted = chunk.filter((g) => g.status === 'IN_REVIEW').map((g) => g.id)
    await tx.$executeRaw`
              WITH g AS (
                INSERT INTO post_groups (id, workspace_id, created_by_user_id, content, scheduled_at,
                  time_zone, status, approval_status, updated_at)
                SELECT x.id, ${input.workspaceId}::uuid, ${input.createdByUserId ?? null}::uuid,
                  x.content, x.scheduled_at, x.time_zone, x.group_status, x.approval_status, now()
                FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x(id uuid, content jsonb,
                  scheduled_at timestamptz, time_zone text, group_status text, approval_status text)
                RETURNING id
              ), t AS (
                INSERT INTO social_posts (id, group_id, account_id, status, content, content_override,
                  scheduled_at, updated_at)
                SELECT x.id, x.group_id, x.account_id, x.status::post_status_enum, x.content,
                  NULLIF(x.override, 'null'::jsonb), x.scheduled_at, now()
                FROM jsonb_to_recordset(${JSON.stringify(targets)}::jsonb) AS x(id uuid, group_id uuid,
                  account_id uuid, status text, content jsonb, override jsonb, scheduled_at timestamptz)
                JOIN g ON g.id = x.group_id
                RETURNING id, status
              ), a AS (
                INSERT INTO post_status_changes (post_id, from_status, to_status, reason, actor)
                SELECT t.id, NULL, t.status, ${input.reason ?? 'imported'}, ${input.actor} FROM t
              )
              INSERT INTO post_review_events (group_id, kind, actor)
              SELECT g.id, 'submitted', ${input.actor} FROM g WHERE g.id = ANY(${submitted}::uuid[])`
  }
  return { groupIds: groups.map((g) => g.id) }
}
