import { notify } from '@statex/jobs'
import type { FastifyBaseLogger } from 'fastify'
import { roleAllows } from '../auth.js'
import type { AppDeps } from '../deps.js'

type Deps = Pick<AppDeps, 'db' | 'notificationQueue'> & { log: FastifyBaseLogger }

const ROLES = ['viewer', 'editor', 'owner'] as const

/**
 * Tells the workspace's approvers (the policy's role and up, and the people it names) that a
 * post waits for them, except whoever put it in review. Once per review round: the key is the
 * round's review event (or the creation, for a post created straight into review). The step is
 * stored already, so a failure here is logged, never undoing it.
 */
export async function notifyApprovers(
  deps: Deps,
  input: { workspaceId: string; postId: string; round: string; actor: string },
): Promise<void> {
  try {
    const policy = await deps.db.approvals.getPolicy(input.workspaceId)
    const byRole = await deps.db.notifications.membersWithRole(
      input.workspaceId,
      ROLES.filter((role) => roleAllows(role, policy.approverRole)),
    )
    const actorUserId = input.actor.startsWith('user:') ? input.actor.slice(5) : null
    const approvers = [...byRole, ...policy.approverUserIds].filter((id) => id !== actorUserId)
    if (approvers.length === 0) return
    const notice = await deps.db.notifications.getPostNotice(input.postId)
    const text = notice?.text.replace(/\s+/g, ' ').trim() ?? ''
    await notify(deps.db, deps.notificationQueue, {
      workspaceId: input.workspaceId,
      kind: 'approval_waiting',
      title: 'A post waits for your approval',
      body: text
        ? `“${text.length > 120 ? `${text.slice(0, 117)}…` : text}”`
        : 'A post without text.',
      link: `/posts?post=${input.postId}`,
      postId: input.postId,
      dedupKey: `approval.waiting:${input.postId}:${input.round}`,
      userIds: approvers,
    })
  } catch (error) {
    deps.log.warn({ err: error, post: input.postId }, 'approval notification not recorded')
  }
}
