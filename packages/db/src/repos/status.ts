import { InvalidTransitionError, canTransition } from '@statex/core'
import type { PostStatus } from '@statex/core'
import type { DbContext } from '../context.js'
import { NotFoundError, StatusConflictError } from '../errors.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { PostStatusChange, SocialPost } from '../types.js'
import { toPost } from './posts.js'

export interface TransitionInput {
  /** The status the caller believes the post is in; a different current status is a conflict. */
  from?: PostStatus
  to: PostStatus
  reason: string
  /** Who: `user:<id>`, `worker`, `api-key:<id>`, `system`. */
  actor: string
  /** The version the caller read; a different current version is a conflict. */
  expectedVersion?: number
}

/**
 * The one place a post's status changes: checks the state machine of @statex/core, writes the
 * change with a conditional UPDATE (on the status and version just read, so a concurrent change
 * makes it match nothing) and the audit row, inside the caller's transaction.
 */
export async function applyTransition(
  tx: Prisma.TransactionClient,
  postId: string,
  input: TransitionInput,
  data: Prisma.SocialPostUpdateManyMutationInput = {},
): Promise<SocialPost> {
  const current = await tx.socialPost.findUnique({
    where: { id: postId },
    select: { status: true, version: true },
  })
  if (!current) throw new NotFoundError('Post', postId)
  const expected = {
    ...(input.from ? { status: input.from } : {}),
    ...(input.expectedVersion !== undefined ? { version: input.expectedVersion } : {}),
  }
  if (
    (input.from && input.from !== current.status) ||
    (input.expectedVersion !== undefined && input.expectedVersion !== current.version)
  ) {
    throw new StatusConflictError(postId, expected, current)
  }
  if (!canTransition(current.status, input.to))
    throw new InvalidTransitionError(current.status, input.to)
  const { count } = await tx.socialPost.updateMany({
    where: { id: postId, status: current.status, version: current.version },
    data: { ...data, status: input.to, version: { increment: 1 } },
  })
  if (count === 0) {
    const now = await tx.socialPost.findUnique({
      where: { id: postId },
      select: { status: true, version: true },
    })
    throw new StatusConflictError(postId, { status: current.status, version: current.version }, now)
  }
  await tx.postStatusChange.create({
    data: {
      postId,
      fromStatus: current.status,
      toStatus: input.to,
      reason: input.reason,
      actor: input.actor,
    },
  })
  return toPost(await tx.socialPost.findUniqueOrThrow({ where: { id: postId } }))
}

export function statusRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /**
     * Moves a post to `to`. Throws `InvalidTransitionError` (from @statex/core) for a move the
     * state machine forbids, and `StatusConflictError` when the post is not in `from` /
     * `expectedVersion`, or another writer changed it between the read and the write.
     */
    async transitionPost(postId: string, input: TransitionInput): Promise<SocialPost> {
      return prisma.$transaction((tx) => applyTransition(tx, postId, input))
    },

    /** The audit of a post's status changes, oldest first. */
    async listStatusChanges(postId: string): Promise<PostStatusChange[]> {
      const rows = await prisma.postStatusChange.findMany({
        where: { postId },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      })
      return rows.map((row) => ({
        id: row.id,
        postId: row.postId,
        from: row.fromStatus,
        to: row.toStatus,
        reason: row.reason,
        actor: row.actor,
        at: row.at,
      }))
    },
  }
}

export type StatusRepository = ReturnType<typeof statusRepository>
