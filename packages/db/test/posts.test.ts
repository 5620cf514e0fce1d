import { InvalidTransitionError } from '@statex/core'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidInputError, StatusConflictError } from '../src/index.js'
import { createTestDatabase } from '../src/testing.js'
import type { TestDatabase } from '../src/testing.js'
import { connectedAccount, ownerWithWorkspace, scheduledPost } from './fixtures.js'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.drop()
})

async function count(table: string, where: string, params: unknown[]): Promise<number> {
  const client = new pg.Client({ connectionString: t.databaseUrl })
  await client.connect()
  try {
    return (await client.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))
      .rows[0].n
  } finally {
    await client.end()
  }
}

describe('post groups', () => {
  it('fans one composed post out to one target per account, with overrides applied', async () => {
    const { user, workspace } = await ownerWithWorkspace(t.db)
    const linkedin = await t.db.accounts.connectAccount(
      workspace.id,
      connectedAccount({ platform: 'linkedin' }),
    )
    const telegram = await t.db.accounts.connectAccount(
      workspace.id,
      connectedAccount({ platform: 'telegram' }),
    )
    const scheduledAt = new Date('2030-03-30T07:00:00Z')
    const group = await t.db.posts.createPostGroup({
      workspaceId: workspace.id,
      createdByUserId: user.id,
      content: { text: 'Launch day', options: { linkedin: { visibility: 'PUBLIC' } } },
      targets: [
        { accountId: linkedin.id },
        {
          accountId: telegram.id,
          override: { text: '<b>Launch day</b>', options: { telegram: { parseMode: 'HTML' } } },
        },
      ],
      scheduledAt,
      timeZone: 'Europe/Prague',
      actor: `user:${user.id}`,
    })
    expect(group).toMatchObject({
      scheduledAt,
      timeZone: 'Europe/Prague',
      content: { text: 'Launch day' },
    })
    const [onLinkedin, onTelegram] = group.targets
    expect(onLinkedin).toMatchObject({
      accountId: linkedin.id,
      status: 'SCHEDULED',
      scheduledAt,
      version: 0,
      contentOverride: null,
      content: { text: 'Launch day' },
    })
    expect(onTelegram!.content).toEqual({
      text: '<b>Launch day</b>',
      options: { linkedin: { visibility: 'PUBLIC' }, telegram: { parseMode: 'HTML' } },
    })
    expect(await t.db.posts.listStatusChanges(onTelegram!.id)).toMatchObject([
      { from: null, to: 'SCHEDULED', reason: 'created', actor: `user:${user.id}` },
    ])
    expect(await t.db.posts.getPost('not-a-uuid')).toBeNull()
    expect(await t.db.posts.getPost('00000000-0000-4000-8000-000000000000')).toBeNull()
    expect(
      (await t.db.posts.getPostGroup(group.id))!.targets.map((target) => target.id).sort(),
    ).toEqual([onLinkedin!.id, onTelegram!.id].sort())
  })

  it('rejects an account of another workspace, an unknown time zone, and a schedule without a time', async () => {
    const { user, workspace } = await ownerWithWorkspace(t.db)
    const other = await ownerWithWorkspace(t.db)
    const foreign = await t.db.accounts.connectAccount(other.workspace.id, connectedAccount())
    const base = { workspaceId: workspace.id, content: { text: 'x' }, actor: `user:${user.id}` }
    await expect(
      t.db.posts.createPostGroup({ ...base, targets: [{ accountId: foreign.id }] }),
    ).rejects.toThrow('must belong to the workspace')
    const mine = await t.db.accounts.connectAccount(workspace.id, connectedAccount())
    await expect(
      t.db.posts.createPostGroup({
        ...base,
        targets: [{ accountId: mine.id }],
        timeZone: 'Mars/Olympus',
      }),
    ).rejects.toBeInstanceOf(InvalidInputError)
    await expect(
      t.db.posts.createPostGroup({
        ...base,
        targets: [{ accountId: mine.id }],
        status: 'SCHEDULED',
      }),
    ).rejects.toThrow('needs scheduledAt')
    await expect(t.db.posts.createPostGroup({ ...base, targets: [] })).rejects.toThrow(
      'at least one target',
    )
  })

  it('lists due targets: SCHEDULED and scheduled_at <= now only, oldest first', async () => {
    const { user, workspace } = await ownerWithWorkspace(t.db)
    const account = await t.db.accounts.connectAccount(workspace.id, connectedAccount())
    const now = new Date('2031-06-01T12:00:00Z')
    const make = (at: Date, status?: 'DRAFT') =>
      t.db.posts.createPostGroup({
        workspaceId: workspace.id,
        content: { text: at.toISOString() },
        targets: [{ accountId: account.id }],
        scheduledAt: at,
        actor: `user:${user.id}`,
        ...(status ? { status } : {}),
      })
    const late = await make(new Date('2031-06-01T11:59:00Z'))
    const exact = await make(now)
    const early = await make(new Date('2031-06-01T10:00:00Z'))
    await make(new Date('2031-06-01T12:00:01Z'))
    await make(new Date('2031-06-01T09:00:00Z'), 'DRAFT')
    const due = await t.db.posts.listDueTargets({ now, limit: 1000 })
    const ours = due.filter((post) => post.accountId === account.id).map((post) => post.id)
    expect(ours).toEqual([early.targets[0]!.id, late.targets[0]!.id, exact.targets[0]!.id])
  })
})

describe('transitionPost', () => {
  it('follows the state machine and writes an audit row per change', async () => {
    const { post } = await scheduledPost(t.db)
    const drafted = await t.db.posts.transitionPost(post.id, {
      from: 'SCHEDULED',
      to: 'DRAFT',
      reason: 'unscheduled',
      actor: 'user:1',
    })
    expect(drafted).toMatchObject({ status: 'DRAFT', version: 1 })
    const archived = await t.db.posts.transitionPost(post.id, {
      to: 'ARCHIVED',
      reason: 'cleanup',
      actor: 'user:1',
      expectedVersion: 1,
    })
    expect(archived).toMatchObject({ status: 'ARCHIVED', version: 2 })
    const audit = await t.db.posts.listStatusChanges(post.id)
    expect(audit.map(({ from, to, reason }) => ({ from, to, reason }))).toEqual([
      { from: null, to: 'SCHEDULED', reason: 'created' },
      { from: 'SCHEDULED', to: 'DRAFT', reason: 'unscheduled' },
      { from: 'DRAFT', to: 'ARCHIVED', reason: 'cleanup' },
    ])
  })

  it('refuses a transition the state machine forbids, changing nothing', async () => {
    const { post } = await scheduledPost(t.db)
    await expect(
      t.db.posts.transitionPost(post.id, { to: 'PUBLISHED', reason: 'x', actor: 'user:1' }),
    ).rejects.toBeInstanceOf(InvalidTransitionError)
    expect(await t.db.posts.getPost(post.id)).toMatchObject({ status: 'SCHEDULED', version: 0 })
    expect(await count('post_status_changes', 'post_id = $1', [post.id])).toBe(1)
  })

  it('fails clearly on a stale status or version', async () => {
    const { post } = await scheduledPost(t.db)
    await expect(
      t.db.posts.transitionPost(post.id, {
        from: 'DRAFT',
        to: 'SCHEDULED',
        reason: 'x',
        actor: 'a',
      }),
    ).rejects.toThrow(
      `Post ${post.id} changed concurrently: expected DRAFT, found SCHEDULED, version 0.`,
    )
    await expect(
      t.db.posts.transitionPost(post.id, {
        to: 'DRAFT',
        reason: 'x',
        actor: 'a',
        expectedVersion: 3,
      }),
    ).rejects.toBeInstanceOf(StatusConflictError)
  })

  it('lets exactly one of several concurrent transitions from the same version win', async () => {
    const { post } = await scheduledPost(t.db)
    const results = await Promise.allSettled(
      (['DRAFT', 'ARCHIVED', 'DRAFT', 'ARCHIVED'] as const).map((to) =>
        t.db.posts.transitionPost(post.id, {
          to,
          reason: `race to ${to}`,
          actor: 'a',
          expectedVersion: 0,
        }),
      ),
    )
    const won = results.filter((result) => result.status === 'fulfilled')
    expect(won).toHaveLength(1)
    for (const result of results)
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(StatusConflictError)
    expect(await count('post_status_changes', 'post_id = $1', [post.id])).toBe(2)
    expect(await t.db.posts.getPost(post.id)).toMatchObject({ version: 1 })
  })
})

describe('cascade rules', () => {
  it('deleting a workspace removes everything in it, and nothing of another workspace', async () => {
    const doomed = await scheduledPost(t.db)
    const kept = await scheduledPost(t.db)
    await t.db.interactions.upsertInteractions(doomed.account.id, [
      {
        platform: 'linkedin',
        externalId: 'c1',
        type: 'COMMENT',
        author: { externalId: 'u1' },
        createdAt: new Date(),
        raw: {},
      },
    ])
    await t.db.metrics.insertMetricSnapshots([
      { postId: doomed.post.id, collectedAt: new Date(), likes: 1, raw: {} },
    ])
    await t.db.apiKeys.createApiKey({ workspaceId: doomed.workspace.id, name: 'ci' })
    const started = await t.db.publishing.beginPublishAttempt(doomed.post.id)
    expect(started.started).toBe(true)

    await t.db.workspaces.deleteWorkspace(doomed.workspace.id)
    for (const [table, column, id] of [
      ['social_accounts', 'workspace_id', doomed.workspace.id],
      ['post_groups', 'workspace_id', doomed.workspace.id],
      ['social_posts', 'id', doomed.post.id],
      ['publish_attempts', 'post_id', doomed.post.id],
      ['metric_snapshots', 'post_id', doomed.post.id],
      ['post_status_changes', 'post_id', doomed.post.id],
      ['social_interactions', 'account_id', doomed.account.id],
      ['api_keys', 'workspace_id', doomed.workspace.id],
      ['workspace_members', 'workspace_id', doomed.workspace.id],
    ] as const) {
      expect(await count(table, `${column} = $1`, [id]), table).toBe(0)
    }
    // People outlive workspaces: the user row stays.
    expect(await t.db.users.getUser(doomed.user.id)).not.toBeNull()
    expect(await t.db.posts.getPost(kept.post.id)).not.toBeNull()
  })

  it('deleting a user keeps the posts they wrote, with no author', async () => {
    const { user, group } = await scheduledPost(t.db)
    const client = new pg.Client({ connectionString: t.databaseUrl })
    await client.connect()
    try {
      // Delete the membership-holding user directly: there is no user deletion API yet.
      await client.query('DELETE FROM users WHERE id = $1', [user.id])
    } finally {
      await client.end()
    }
    expect(await t.db.posts.getPostGroup(group.id)).toMatchObject({ createdByUserId: null })
  })
})
