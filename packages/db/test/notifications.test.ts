import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidInputError, NOTIFICATION_DEFAULTS } from '../src/index.js'
import { createTestDatabase } from '../src/testing.js'
import type { TestDatabase } from '../src/testing.js'
import { ownerWithWorkspace, scheduledPost } from './fixtures.js'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.drop()
})

const event = (workspaceId: string, userIds: string[], dedupKey = 'post.failed:g1:1') => ({
  workspaceId,
  kind: 'post_failed' as const,
  title: 'A post failed',
  body: 'LinkedIn said no.',
  link: '/posts/x',
  dedupKey,
  userIds,
})

describe('notifications', () => {
  it('stores an event once per member, however often it is produced', async () => {
    const { user, workspace } = await ownerWithWorkspace(t.db)
    const first = await t.db.notifications.notify(event(workspace.id, [user.id, user.id]))
    expect(first).toHaveLength(1)
    expect(first[0]).toMatchObject({ kind: 'post_failed', emailStatus: 'pending', readAt: null })
    expect(await t.db.notifications.notify(event(workspace.id, [user.id]))).toEqual([])
    const page = await t.db.notifications.list({ userId: user.id, workspaceId: workspace.id })
    expect(page.items).toHaveLength(1)
    expect(page.unread).toBe(1)
  })

  it('skips people who are not members of the workspace', async () => {
    const { workspace } = await ownerWithWorkspace(t.db)
    const stranger = await ownerWithWorkspace(t.db)
    expect(await t.db.notifications.notify(event(workspace.id, [stranger.user.id]))).toEqual([])
  })

  it('honours preferences: email only keeps the row out of the bell, neither stores nothing', async () => {
    const { user, workspace } = await ownerWithWorkspace(t.db)
    await t.db.notifications.setPreferences(user.id, workspace.id, {
      post_failed: { inApp: false, email: true },
      post_unknown: { inApp: false, email: false },
      approval_waiting: { inApp: true, email: false },
    })
    const [emailOnly] = await t.db.notifications.notify(event(workspace.id, [user.id], 'a'))
    expect(emailOnly?.emailStatus).toBe('pending')
    expect(
      await t.db.notifications.notify({
        ...event(workspace.id, [user.id], 'b'),
        kind: 'post_unknown',
      }),
    ).toEqual([])
    const [bellOnly] = await t.db.notifications.notify({
      ...event(workspace.id, [user.id], 'c'),
      kind: 'approval_waiting',
    })
    expect(bellOnly?.emailStatus).toBe('none')
    const page = await t.db.notifications.list({ userId: user.id, workspaceId: workspace.id })
    expect(page.items.map((n) => n.kind)).toEqual(['approval_waiting'])
    const prefs = await t.db.notifications.getPreferences(user.id, workspace.id)
    expect(prefs.digest).toEqual(NOTIFICATION_DEFAULTS.digest)
    expect(prefs.post_failed).toEqual({ inApp: false, email: true })
  })

  it('refuses an unknown kind, naming the ones it knows', async () => {
    const { user, workspace } = await ownerWithWorkspace(t.db)
    await expect(
      t.db.notifications.setPreferences(user.id, workspace.id, {
        nope: { inApp: true, email: true },
      } as never),
    ).rejects.toThrow(InvalidInputError)
  })

  it('pages newest first and marks read one or all, only the member’s own', async () => {
    const { user, workspace } = await ownerWithWorkspace(t.db)
    for (const key of ['k1', 'k2', 'k3'])
      await t.db.notifications.notify(event(workspace.id, [user.id], key))
    const first = await t.db.notifications.list({
      userId: user.id,
      workspaceId: workspace.id,
      limit: 2,
    })
    expect(first.items).toHaveLength(2)
    expect(first.nextCursor).toBe(first.items[1]!.id)
    const second = await t.db.notifications.list({
      userId: user.id,
      workspaceId: workspace.id,
      limit: 2,
      before: first.nextCursor!,
    })
    expect(second.items).toHaveLength(1)
    expect(second.nextCursor).toBeNull()
    const other = await ownerWithWorkspace(t.db)
    expect(
      await t.db.notifications.markRead(other.user.id, workspace.id, [first.items[0]!.id]),
    ).toBe(0)
    expect(await t.db.notifications.markRead(user.id, workspace.id, [first.items[0]!.id])).toBe(1)
    expect(await t.db.notifications.unreadCount(user.id, workspace.id)).toBe(2)
    expect(await t.db.notifications.markRead(user.id, workspace.id, 'all')).toBe(2)
    expect(await t.db.notifications.unreadCount(user.id, workspace.id)).toBe(0)
  })

  it('hands a pending email out with its address until it is recorded sent', async () => {
    const { user, workspace } = await ownerWithWorkspace(t.db)
    const [n] = await t.db.notifications.notify(event(workspace.id, [user.id], 'mail'))
    const pending = await t.db.notifications.getPendingEmail(n!.id)
    expect(pending?.to).toBe(user.email)
    expect(await t.db.notifications.listPendingEmails(new Date(Date.now() + 1000))).toContain(n!.id)
    await t.db.notifications.recordEmail(n!.id, { status: 'sent' })
    expect(await t.db.notifications.getPendingEmail(n!.id)).toBeNull()
  })

  it('summarizes a workspace’s day for the digest', async () => {
    const { workspace, post } = await scheduledPost(t.db)
    const since = new Date(Date.now() - 1_000)
    await t.db.posts.transitionPost(post.id, {
      from: 'SCHEDULED',
      to: 'FAILED',
      reason: 'test',
      actor: 'test',
    })
    const summary = await t.db.notifications.digestSummary(
      workspace.id,
      since,
      new Date(Date.now() + 1_000),
    )
    expect(summary).toEqual({
      published: 0,
      failed: 1,
      unknown: 0,
      waitingApproval: 0,
      newInbox: 0,
    })
    const notice = await t.db.notifications.getPostNotice(post.groupId)
    expect(notice?.targets[0]).toMatchObject({ status: 'FAILED', checkPending: false })
  })
})
