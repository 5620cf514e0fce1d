import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidInputError } from '../src/index.js'
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

describe('createPostGroups', () => {
  it('creates every post with its targets and audit rows, in more than one chunk', async () => {
    const { user, workspace } = await ownerWithWorkspace(t.db)
    const a = await t.db.accounts.connectAccount(workspace.id, connectedAccount())
    const b = await t.db.accounts.connectAccount(workspace.id, connectedAccount())
    const at = new Date(Date.now() + 3_600_000)
    const posts = Array.from({ length: 1500 }, (_, i) => ({
      content: { text: `Post ${i}` },
      targets: [{ accountId: a.id }, { accountId: b.id, override: { text: `B ${i}` } }],
      ...(i % 3 === 0 ? {} : { scheduledAt: at }),
      ...(i === 1 ? { status: 'IN_REVIEW' as const } : {}),
    }))
    const { groupIds } = await t.db.posts.createPostGroups({
      workspaceId: workspace.id,
      createdByUserId: user.id,
      actor: `user:${user.id}`,
      posts,
    })
    expect(groupIds).toHaveLength(1500)
    const second = await t.db.posts.getPostGroup(groupIds[1]!)
    expect(second).toMatchObject({ status: 'in_review', approvalStatus: 'in_review' })
    const third = await t.db.posts.getPostGroup(groupIds[2]!)
    expect(
      [a.id, b.id]
        .map((id) => third!.targets.find((x) => x.accountId === id))
        .map((x) => [x!.status, x!.content.text, x!.scheduledAt]),
    ).toEqual([
      ['SCHEDULED', 'Post 2', at],
      ['SCHEDULED', 'B 2', at],
    ])
    expect((await t.db.posts.getPostGroup(groupIds[3]!))!.targets[0]!.status).toBe('DRAFT')
    expect((await t.db.posts.listStatusChanges(third!.targets[0]!.id))[0]).toMatchObject({
      from: null,
      to: 'SCHEDULED',
      reason: 'imported',
    })
    expect((await t.db.approvals.listReviewEvents(groupIds[1]!)).map((e) => e.kind)).toEqual([
      'submitted',
    ])
    const page = await t.db.posts.listPostGroups({ workspaceId: workspace.id, limit: 100 })
    expect(page.items).toHaveLength(100)
  })

  it('creates nothing when one account is not the workspace’s', async () => {
    const { workspace } = await ownerWithWorkspace(t.db)
    const other = await ownerWithWorkspace(t.db)
    const mine = await t.db.accounts.connectAccount(workspace.id, connectedAccount())
    const theirs = await t.db.accounts.connectAccount(other.workspace.id, connectedAccount())
    await expect(
      t.db.posts.createPostGroups({
        workspaceId: workspace.id,
        actor: 'system',
        posts: [
          { content: { text: 'ok' }, targets: [{ accountId: mine.id }] },
          { content: { text: 'not ok' }, targets: [{ accountId: theirs.id }] },
        ],
      }),
    ).rejects.toThrow(InvalidInputError)
    expect((await t.db.posts.listPostGroups({ workspaceId: workspace.id })).items).toEqual([])
  })
})
