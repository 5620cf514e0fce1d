import { deriveGroupStatus, type GroupStatus, type PostStatus } from '@statex/core'
import type { DbContext } from '../context.js'
import { Prisma } from '../generated/prisma/client.js'

// A post group's status, derived from its targets' and stored, by whichever worker just moved a
// target: the hot path every publish ends on, and the one many workers hit at once in a burst.

/** A group's status as settled, and what it was before (null: the group is gone). */
export interface GroupSettlement {
  status: GroupStatus
  previous: GroupStatus | null
  workspaceId: string | null
}

// The group status depends only on which statuses its targets have (see deriveGroupStatus), so
// the distinct ones, sorted to compare, stand for the whole list at a handful of values.
const DISTINCT_STATUSES = Prisma.sql`array_agg(DISTINCT status::text ORDER BY status::text)`

/**
 * Derives the group's status from its targets and stores it; `previous` is what it was.
 * Most settles change nothing (a target of a larger group landed; the group is still
 * publishing): one read. A change is written only if neither the group's status nor the set
 * of its targets' statuses moved since the read, so of two settlers exactly one sees it (and
 * emits its event). When something did move, the settle retries under the group's row lock
 * (`settleGroupLocked`) rather than re-reading optimistically: under a burst (50 targets of
 * one 1,000-target group finishing at once) those re-reads kept losing to one another, and
 * settled 40 targets/s.
 */
export async function settleGroupStatus(
  prisma: DbContext['prisma'],
  groupId: string,
): Promise<GroupSettlement> {
  const rows = await prisma.$queryRaw<
    { statuses: PostStatus[] | null; previous: GroupStatus; workspace_id: string }[]
  >`
    SELECT g.status AS previous, g.workspace_id::text,
      (SELECT ${DISTINCT_STATUSES} FROM social_posts WHERE group_id = g.id) AS statuses
    FROM post_groups g WHERE g.id = ${groupId}::uuid`
  const row = rows[0]
  if (!row) return { status: deriveGroupStatus([]), previous: null, workspaceId: null }
  const statuses = row.statuses ?? []
  const settled = {
    status: deriveGroupStatus(statuses),
    previous: row.previous,
    workspaceId: row.workspace_id,
  }
  if (settled.status === row.previous) return settled
  const updated = await prisma.$executeRaw`
    UPDATE post_groups SET status = ${settled.status}
    WHERE id = ${groupId}::uuid AND status = ${row.previous}
      AND COALESCE((SELECT ${DISTINCT_STATUSES} FROM social_posts
                    WHERE group_id = ${groupId}::uuid), '{}') = ${statuses}::text[]`
  return updated > 0 ? settled : settleGroupLocked(prisma, groupId)
}

/**
 * A settle that found something moved: settlers of the group take its row lock in turn, and
 * read the targets once the lock is held, so under READ COMMITTED each sees every target write
 * committed before it. The last one stores the final status; each change is seen once.
 */
function settleGroupLocked(prisma: DbContext['prisma'], groupId: string): Promise<GroupSettlement> {
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ previous: GroupStatus; workspace_id: string }[]>`
      SELECT status AS previous, workspace_id::text FROM post_groups
      WHERE id = ${groupId}::uuid FOR UPDATE`
    const row = locked[0]
    if (!row) return { status: deriveGroupStatus([]), previous: null, workspaceId: null }
    const [{ statuses } = { statuses: null }] = await tx.$queryRaw<
      { statuses: PostStatus[] | null }[]
    >`SELECT ${DISTINCT_STATUSES} AS statuses FROM social_posts WHERE group_id = ${groupId}::uuid`
    const status = deriveGroupStatus(statuses ?? [])
    if (status !== row.previous)
      await tx.$executeRaw`UPDATE post_groups SET status = ${status} WHERE id = ${groupId}::uuid`
    return { status, previous: row.previous, workspaceId: row.workspace_id }
  })
}
