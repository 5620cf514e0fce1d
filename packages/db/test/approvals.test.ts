import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApprovalStateError, InvalidInputError } from '../src/index.js'
import { createTestDatabase } from '../src/testing.js'
import type { TestDatabase } from '../src/testing.js'
import { connectedAccount, ownerWithWorkspace } from './fixtures.js'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.drop()
})

async function sql(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: t.databaseUrl })
  await client.connect()
  try {
    return (await client.query(text, params)).rows
  } finally {
    await client.end()
  }
}

/** A post created straight into review, due a minute ago, on one account. */
async function postInReview(scheduledAt: Date | null = new Date(Date.now() - 60_000)) {
  const { user, workspace } = await ownerWithWorkspace(t.db)
  const account = await t.db.accounts.connectAccount(workspace.id, connectedAccount())
  const group = await t.db.posts.createPostGroup({
    workspaceId: workspace.id,
    content: { text: 'Needs a look' },
    targets: [{ accountId: account.id }],
    ...(scheduledAt ? { scheduledAt } : {}),
    status: 'IN_REVIEW',
    actor: `user:${user.id}`,
  })
  return { user, workspace, account, group, target: group.targets[0]! }
}

describe('approval policy', () => {
  it('defaults to no approval and stores named approvers who are members', async () => {
    const { user, workspace } = await ownerWithWorkspace(t.db)
    expect(await t.db.approvals.getPolicy(workspace.id)).toEqual({
      required: false,
      approverRole: 'owner',
      approverUserIds: [],
    })
    const policy = { required: true, approverRole: 'owner' as const, approverUserIds: [user.id] }
    expect(await t.db.approvals.setPolicy(workspace.id, policy)).toEqual(policy)
    expect(await t.db.approvals.getPolicy(workspace.id)).toEqual(policy)
  })

  it('refuses a named approver from outside the workspace', async () => {
    const { workspace } = await ownerWithWorkspace(t.db)
    const { user: stranger } = await ownerWithWorkspace(t.db)
    await expect(
      t.db.approvals.setPolicy(workspace.id, {
        required: true,
        approverRole: 'owner',
        approverUserIds: [stranger.id],
      }),
    ).rejects.toThrow(new RegExp(`not members: ${stranger.id}`))
  })
})

describe('review steps', () => {
  it('creates a post in review with its history, and nothing of it is due for the engine', async () => {
    const { group, target } = await postInReview()
    expect(group.approvalStatus).toBe('in_review')
    expect(group.status).toBe('in_review')
    expect(target.status).toBe('IN_REVIEW')
    expect((await t.db.approvals.listReviewEvents(group.id)).map((e) => e.kind)).toEqual([
      'submitted',
    ])
    const due = await t.db.engine.listDueScheduled({ until: new Date(), limit: 1000 })
    expect(due.map((d) => d.targetId)).not.toContain(target.id)
  })

  it('approval schedules at the post time, or now when that passed; the history says who', async () => {
    const { workspace, group, target, user } = await postInReview()
    const now = new Date()
    const result = await t.db.approvals.decide({
      workspaceId: workspace.id,
      groupId: group.id,
      decision: 'approved',
      actor: `user:${user.id}`,
      comment: 'Looks good',
      now,
    })
    expect(result.approvalStatus).toBe('approved')
    expect(result.moved).toHaveLength(1)
    expect(result.moved[0]).toMatchObject({ id: target.id, status: 'SCHEDULED', scheduledAt: now })
    const changes = await t.db.posts.listStatusChanges(target.id)
    expect(changes.map((c) => [c.from, c.to])).toEqual([
      [null, 'IN_REVIEW'],
      ['IN_REVIEW', 'SCHEDULED'],
    ])
    expect(changes[1]!.reason).toBe(`approved by user:${user.id}: Looks good`)
    expect((await t.db.posts.getPostGroup(group.id))!.status).toBe('scheduled')
    // Now the engine may take it.
    expect(
      await t.db.engine.claimTarget(target.id, { leaseUntil: new Date(Date.now() + 60_000) }),
    ).not.toBeNull()
  })

  it('approving a post without a time leaves an approved draft', async () => {
    const { workspace, group, user } = await postInReview(null)
    const result = await t.db.approvals.decide({
      workspaceId: workspace.id,
      groupId: group.id,
      decision: 'approved',
      actor: `user:${user.id}`,
    })
    expect(result.moved.map((t) => t.status)).toEqual(['DRAFT'])
  })

  it('a rejection needs a comment and sends the post back to draft; a second decision is refused', async () => {
    const { workspace, group, target, user } = await postInReview()
    const decide = (comment?: string) =>
      t.db.approvals.decide({
        workspaceId: workspace.id,
        groupId: group.id,
        decision: 'rejected',
        actor: 'review-link:x',
        actorName: 'Client',
        ...(comment ? { comment } : {}),
      })
    await expect(decide()).rejects.toThrow(InvalidInputError)
    const result = await decide('Wrong logo')
    expect(result.moved.map((t) => t.status)).toEqual(['DRAFT'])
    expect((await t.db.posts.listStatusChanges(target.id)).at(-1)!.reason).toBe(
      'rejected by review-link:x (Client): Wrong logo',
    )
    await expect(decide('again')).rejects.toThrow(ApprovalStateError)
    // Resubmitted after the fix.
    const again = await t.db.approvals.submitForReview({
      workspaceId: workspace.id,
      groupId: group.id,
      actor: `user:${user.id}`,
    })
    expect(again.moved.map((t) => t.status)).toEqual(['IN_REVIEW'])
  })

  it('two approvers deciding at once: exactly one decision is recorded', async () => {
    const { workspace, group } = await postInReview()
    const results = await Promise.allSettled(
      (['approved', 'rejected'] as const).map((decision) =>
        t.db.approvals.decide({
          workspaceId: workspace.id,
          groupId: group.id,
          decision,
          actor: `user:${decision}`,
          comment: 'x',
        }),
      ),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(
      (await t.db.approvals.listReviewEvents(group.id)).filter((e) => e.kind !== 'submitted'),
    ).toHaveLength(1)
  })

  it('editing the content of an approved post sends it back to review; a new time alone does not', async () => {
    const { workspace, group, target, user } = await postInReview(new Date(Date.now() + 3_600_000))
    await t.db.approvals.decide({
      workspaceId: workspace.id,
      groupId: group.id,
      decision: 'approved',
      actor: `user:${user.id}`,
    })
    const later = new Date(Date.now() + 7_200_000)
    const timeOnly = await t.db.posts.updatePostGroup({
      workspaceId: workspace.id,
      id: group.id,
      scheduledAt: later,
      actor: `user:${user.id}`,
    })
    expect(timeOnly.reopened).toBe(false)
    expect(timeOnly.post.approvalStatus).toBe('approved')
    expect(timeOnly.post.targets[0]).toMatchObject({ status: 'SCHEDULED', scheduledAt: later })
    const edited = await t.db.posts.updatePostGroup({
      workspaceId: workspace.id,
      id: group.id,
      content: { text: 'Changed after approval' },
      actor: `user:${user.id}`,
    })
    expect(edited.reopened).toBe(true)
    expect(edited.post.approvalStatus).toBe('in_review')
    expect(edited.post.targets[0]).toMatchObject({ id: target.id, status: 'IN_REVIEW' })
    expect((await t.db.approvals.listReviewEvents(group.id)).map((e) => e.kind)).toEqual([
      'submitted',
      'approved',
      'reopened',
    ])
  })

  it('a new time on a post in review is kept without scheduling it', async () => {
    const { workspace, group, user } = await postInReview()
    const at = new Date(Date.now() + 3_600_000)
    const result = await t.db.posts.updatePostGroup({
      workspaceId: workspace.id,
      id: group.id,
      scheduledAt: at,
      actor: `user:${user.id}`,
    })
    expect(result.post.targets[0]).toMatchObject({ status: 'IN_REVIEW', scheduledAt: at })
  })
})

describe('the engine never publishes an unapproved post', () => {
  it('refuses to claim a SCHEDULED target whose post awaits approval, and does not list it', async () => {
    const { group, target } = await postInReview()
    // A target forced to SCHEDULED behind the state machine's back (a bug, a hand edit).
    await sql(`UPDATE social_posts SET status = 'SCHEDULED' WHERE id = $1`, [target.id])
    for (const approval of ['in_review', 'pending', 'rejected']) {
      await sql(`UPDATE post_groups SET approval_status = $2 WHERE id = $1`, [group.id, approval])
      const due = await t.db.engine.listDueScheduled({ until: new Date(), limit: 1000 })
      expect(due.map((d) => d.targetId)).not.toContain(target.id)
      expect(
        await t.db.engine.claimTarget(target.id, { leaseUntil: new Date(Date.now() + 60_000) }),
      ).toBeNull()
      expect((await t.db.publishing.beginPublishAttempt(target.id)).started).toBe(false)
    }
    await sql(`UPDATE post_groups SET approval_status = 'approved' WHERE id = $1`, [group.id])
    expect(
      (await t.db.engine.listDueScheduled({ until: new Date(), limit: 1000 })).map(
        (d) => d.targetId,
      ),
    ).toContain(target.id)
    expect(
      await t.db.engine.claimTarget(target.id, { leaseUntil: new Date(Date.now() + 60_000) }),
    ).not.toBeNull()
  })
})

describe('review links', () => {
  it('resolve by token until they expire or are revoked; only the hash is stored', async () => {
    const { workspace, group } = await postInReview()
    const now = new Date()
    const { link, token } = await t.db.approvals.createReviewLink({
      workspaceId: workspace.id,
      groupId: group.id,
      createdBy: 'user:x',
      expiresAt: new Date(now.getTime() + 60_000),
    })
    expect(token).toMatch(/^rvw_/)
    expect(await t.db.approvals.resolveReviewLink(token, now)).toMatchObject({
      id: link.id,
      groupId: group.id,
      workspaceId: workspace.id,
    })
    expect(
      await t.db.approvals.resolveReviewLink(token, new Date(now.getTime() + 60_000)),
    ).toBeNull()
    expect(await t.db.approvals.resolveReviewLink(`${token}x`, now)).toBeNull()
    const stored = await sql(`SELECT token_hash FROM review_links WHERE id = $1`, [link.id])
    expect(stored[0].token_hash).not.toContain(token)
    expect(await t.db.approvals.revokeReviewLink(group.id, link.id)).toBe(true)
    expect(await t.db.approvals.resolveReviewLink(token, now)).toBeNull()
  })
})
