import type { PostDraft } from '@statex/core'
import {
  EDITABLE_STATUSES,
  resolveDraft,
  type PostGroupView,
  type UpdatePostGroupResult,
} from '@statex/db'
import type { z } from 'zod'
import type { Principal } from '../auth.js'
import { ApiError } from '../errors.js'
import type { UpdatePostBody } from '../schemas/posts.js'
import { DEFAULT_DUPLICATE_WINDOW_MS, findDuplicates, type DuplicateWarning } from './duplicates.js'
import { emitPostEvent } from './post-events.js'
import {
  accountsOf,
  repeatRule,
  throwIfProblems,
  validateTargets,
  type PostServiceDeps,
} from './posts.js'

type EditInput = z.infer<typeof UpdatePostBody>

export type EditResult = Omit<UpdatePostGroupResult, 'reopened'> & {
  warnings: DuplicateWarning[]
}

/**
 * PATCH /v1/posts/:id: new content, overrides, time or series rule for the targets that can
 * still change. The edited text is checked like a new post's — each platform's rules, then the
 * duplicate check against the accounts' other posts (X refuses, the rest warn) — before
 * anything is stored, so a refused edit leaves the post as it was.
 */
export async function editPost(
  deps: PostServiceDeps,
  principal: Principal,
  current: PostGroupView,
  body: EditInput,
  now = new Date(),
): Promise<EditResult> {
  const { db } = deps
  if (body.scheduledAt && new Date(body.scheduledAt).getTime() < now.getTime() - 60_000)
    throw new ApiError('INVALID_INPUT', {
      message: 'scheduledAt is in the past; use POST /v1/posts/:id/publish to publish now.',
    })
  let warnings: DuplicateWarning[] = []
  const at = body.scheduledAt === undefined ? current.scheduledAt : body.scheduledAt
  if (body.content || body.overrides || (body.scheduledAt && at)) {
    const content = (body.content ?? current.content) as PostDraft
    const editable = current.targets.filter((t) => EDITABLE_STATUSES.includes(t.status))
    const accounts = await accountsOf(
      deps,
      principal.workspaceId,
      editable.map((t) => t.accountId),
    )
    const targets = editable.map((t, i) => {
      const override =
        body.overrides && t.accountId in body.overrides
          ? body.overrides[t.accountId]
          : t.contentOverride
      return {
        account: accounts[i]!,
        override: (override ?? undefined) as Partial<PostDraft> | undefined,
      }
    })
    if (body.content || body.overrides) throwIfProblems(validateTargets(deps, content, targets))
    if (at) {
      warnings = await findDuplicates(deps, {
        targets: targets.map((t) => ({
          account: t.account,
          content: resolveDraft(content, t.override),
        })),
        at: new Date(at),
        windowMs: deps.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS,
        excludeGroupId: current.id,
      })
      const refused = warnings.filter((w) => w.refused)
      if (refused.length)
        throw new ApiError('DUPLICATE_CONTENT', {
          message: refused.map((w) => w.message).join(' '),
          details: { duplicates: refused },
        })
    }
  }
  if (body.repeat !== undefined) {
    const first = body.scheduledAt ? new Date(body.scheduledAt) : current.scheduledAt
    if (body.repeat && !first)
      throw new ApiError('VALIDATION_FAILED', {
        message: 'Only a scheduled post can repeat; give it a scheduledAt.',
        details: [{ path: 'body.repeat', message: 'needs a scheduled post' }],
      })
    await db.recurrence.setRecurrence(
      principal.workspaceId,
      current.id,
      body.repeat ? repeatRule(body.repeat, first!, body.timeZone ?? current.timeZone) : null,
    )
  }
  const result = await db.posts.updatePostGroup({
    workspaceId: principal.workspaceId,
    id: current.id,
    ...(body.content ? { content: body.content as PostDraft } : {}),
    ...(body.overrides
      ? { overrides: body.overrides as Record<string, Partial<PostDraft> | null> }
      : {}),
    ...(body.scheduledAt !== undefined
      ? { scheduledAt: body.scheduledAt === null ? null : new Date(body.scheduledAt) }
      : {}),
    ...(body.timeZone ? { timeZone: body.timeZone } : {}),
    actor: principal.actor,
  })
  if (result.reopened)
    await emitPostEvent(deps, principal.workspaceId, 'post.reopened', {
      postId: current.id,
      approvalStatus: result.post.approvalStatus,
      actor: principal.actor,
    })
  if (result.updated.length === 0 && result.skipped.length > 0)
    throw new ApiError('CONFLICT', {
      message:
        'No target of this post can be edited any more: each is publishing, published or archived.',
      details: { targets: result.skipped.map((t) => ({ targetId: t.id, status: t.status })) },
    })
  return { post: result.post, updated: result.updated, skipped: result.skipped, warnings }
}
