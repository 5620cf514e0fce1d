import { InvalidTransitionError, ProviderError, type Platform, type PostStatus } from '@statex/core'
import { StatusConflictError, type PostGroupView } from '@statex/db'
import type { Principal } from '../auth.js'
import { assertApproved, enqueueNow, type PostServiceDeps as Deps } from './posts.js'

// What a person does to a post that exists: publish now, cancel, retry, delete, each target by
// target (apps/api/src/services/posts.ts creates and validates posts).

export interface ActionResult {
  changed: string[]
  skipped: { targetId: string; status: PostStatus; reason: string }[]
  jobIds: string[]
}

const isRace = (error: unknown) =>
  error instanceof StatusConflictError || error instanceof InvalidTransitionError

type Target = PostGroupView['targets'][number]

/**
 * Runs `act` on each target and sorts the outcome: a string from `refuse` skips the target with
 * that reason; a target the worker changed under us (a race) is skipped with `raced`.
 */
async function eachTarget(
  targets: readonly Target[],
  options: {
    refuse: (t: Target) => string | undefined
    act: (t: Target) => Promise<unknown>
    raced: string
  },
): Promise<ActionResult> {
  const result: ActionResult = { changed: [], skipped: [], jobIds: [] }
  for (const t of targets) {
    const refused = options.refuse(t)
    if (refused) {
      result.skipped.push({ targetId: t.id, status: t.status, reason: refused })
      continue
    }
    try {
      await options.act(t)
      result.changed.push(t.id)
    } catch (error) {
      if (!isRace(error)) throw error
      result.skipped.push({ targetId: t.id, status: t.status, reason: options.raced })
    }
  }
  return result
}

/** `publish`: every DRAFT or SCHEDULED target goes out now. */
export async function publishNow(
  deps: Deps,
  principal: Principal,
  post: PostGroupView,
  now = new Date(),
): Promise<ActionResult> {
  assertApproved(post)
  const result: ActionResult = { changed: [], skipped: [], jobIds: [] }
  for (const t of post.targets) {
    try {
      if (t.status === 'DRAFT') {
        await deps.db.posts.transitionTarget(
          t.id,
          {
            from: 'DRAFT',
            to: 'SCHEDULED',
            reason: 'publish now',
            actor: principal.actor,
            version: t.version,
          },
          now,
        )
      } else if (t.status === 'SCHEDULED') {
        await deps.db.posts.setTargetSchedule(t.id, now)
      } else {
        result.skipped.push({
          targetId: t.id,
          status: t.status,
          reason: `is ${t.status}; only drafts and scheduled targets are published now`,
        })
        continue
      }
      result.changed.push(t.id)
    } catch (error) {
      if (!isRace(error)) throw error
      result.skipped.push({
        targetId: t.id,
        status: t.status,
        reason: 'changed while this ran (the worker took it); re-read the post',
      })
    }
  }
  result.jobIds = await enqueueNow(deps, result.changed, 'publish-now')
  return result
}

/** `cancel`: scheduled targets go back to drafts; nothing is sent. */
export async function cancelPost(
  deps: Deps,
  principal: Principal,
  post: PostGroupView,
): Promise<ActionResult> {
  return eachTarget(post.targets, {
    refuse: (t) =>
      t.status === 'SCHEDULED'
        ? undefined
        : `is ${t.status}; only scheduled targets can be cancelled`,
    act: (t) =>
      deps.db.posts.transitionTarget(t.id, {
        from: 'SCHEDULED',
        to: 'DRAFT',
        reason: 'cancelled',
        actor: principal.actor,
        version: t.version,
      }),
    raced: 'the worker started publishing it first',
  })
}

/** `retry`: FAILED and UNKNOWN targets only (a person has checked UNKNOWN ones); never published ones. */
export async function retryPost(
  deps: Deps,
  principal: Principal,
  post: PostGroupView,
  now = new Date(),
): Promise<ActionResult> {
  assertApproved(post)
  const result = await eachTarget(post.targets, {
    refuse: (t) =>
      t.status === 'FAILED' || t.status === 'UNKNOWN'
        ? undefined
        : `is ${t.status}; only failed and unknown targets are retried`,
    act: (t) =>
      deps.db.posts.transitionTarget(
        t.id,
        {
          from: t.status,
          to: 'SCHEDULED',
          reason: t.status === 'UNKNOWN' ? 'retry after a person checked the platform' : 'retry',
          actor: principal.actor,
          version: t.version,
        },
        now,
      ),
    raced: 'changed while this ran; re-read the post',
  })
  result.jobIds = await enqueueNow(deps, result.changed, 'retry')
  return result
}

/**
 * Deletes a post. With nothing on any platform it is removed outright. Otherwise published
 * targets are deleted where the platform allows (then ARCHIVED), unsent ones are ARCHIVED so they
 * never go out, and `notDeleted` says which could not be and why; the post stays as the record.
 */
export async function deletePost(
  deps: Deps,
  principal: Principal,
  post: PostGroupView,
): Promise<{
  deleted: boolean
  notDeleted: { targetId: string; platform: Platform; reason: string }[]
}> {
  const onPlatform = post.targets.some(
    (t) => t.externalId || ['PUBLISHING', 'PROCESSING', 'UNKNOWN', 'PUBLISHED'].includes(t.status),
  )
  if (!onPlatform) {
    await deps.db.posts.deletePostGroup(principal.workspaceId, post.id)
    return { deleted: true, notDeleted: [] }
  }
  const notDeleted: { targetId: string; platform: Platform; reason: string }[] = []
  for (const t of post.targets) {
    const archive = (reason: string) =>
      deps.db.posts.transitionTarget(t.id, {
        from: t.status,
        to: 'ARCHIVED',
        reason,
        actor: principal.actor,
        version: t.version,
      })
    try {
      if (t.status === 'DRAFT' || t.status === 'SCHEDULED' || t.status === 'FAILED') {
        await archive('post deleted')
      } else if (t.status === 'PUBLISHED') {
        const provider = deps.providers.providers[t.platform]
        if (!provider?.deletePost || !provider.capabilities.deletes || !t.externalId) {
          notDeleted.push({
            targetId: t.id,
            platform: t.platform,
            reason: `${t.platform} does not let apps delete posts; delete it on the platform by hand`,
          })
          continue
        }
        const account = await deps.db.accounts.getAccountAuth(t.accountId)
        await provider.deletePost({ account, externalId: t.externalId })
        await archive('deleted on the platform')
      } else if (t.status !== 'ARCHIVED') {
        notDeleted.push({
          targetId: t.id,
          platform: t.platform,
          reason: `is ${t.status}: its outcome is not settled yet; try again once it is`,
        })
      }
    } catch (error) {
      if (ProviderError.is(error)) {
        notDeleted.push({
          targetId: t.id,
          platform: t.platform,
          reason: `${t.platform} refused the delete: ${error.message}`,
        })
      } else if (isRace(error)) {
        notDeleted.push({
          targetId: t.id,
          platform: t.platform,
          reason: 'changed while this ran; re-read the post',
        })
      } else throw error
    }
  }
  return { deleted: false, notDeleted }
}
