import { ProviderError } from '@statex/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AttemptAlreadyFinishedError, createDb } from '../src/index.js'
import type { Db } from '../src/index.js'
import { createTestDatabase } from '../src/testing.js'
import type { TestDatabase } from '../src/testing.js'
import { connectedAccount, ownerWithWorkspace, scheduledPost } from './fixtures.js'

let t: TestDatabase
let others: Db[]
beforeAll(async () => {
  t = await createTestDatabase()
  // Separate pools, as separate worker processes would have.
  others = [1, 2, 3].map(() =>
    createDb({ databaseUrl: t.databaseUrl, keyring: t.keyring, maxConnections: 3 }),
  )
})
afterAll(async () => {
  await Promise.all((others ?? []).map((db) => db.close()))
  await t?.drop()
})

describe('beginPublishAttempt', () => {
  it('moves SCHEDULED to PUBLISHING and opens attempt 1 with a deterministic key', async () => {
    const { post } = await scheduledPost(t.db)
    const result = await t.db.publishing.beginPublishAttempt(post.id)
    if (!result.started) throw new Error('expected to start')
    expect(result.post).toMatchObject({ status: 'PUBLISHING', version: 1 })
    expect(result.attempt).toMatchObject({
      postId: post.id,
      attemptNumber: 1,
      idempotencyKey: `statex-post-${post.id}`,
      finishedAt: null,
      outcome: null,
    })
    expect(await t.db.posts.listStatusChanges(post.id)).toMatchObject([
      { to: 'SCHEDULED' },
      { from: 'SCHEDULED', to: 'PUBLISHING', actor: 'worker' },
    ])
  })

  it('lets exactly one of many concurrent callers win', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { post } = await scheduledPost(t.db)
      const dbs = [t.db, ...others, t.db, ...others]
      const results = await Promise.all(dbs.map((db) => db.publishing.beginPublishAttempt(post.id)))
      expect(results.filter((result) => result.started)).toHaveLength(1)
      expect(results.filter((result) => !result.started)).toEqual(
        Array(dbs.length - 1).fill({ started: false, status: 'PUBLISHING' }),
      )
      expect(await t.db.publishing.listPublishAttempts(post.id)).toHaveLength(1)
      expect(await t.db.posts.listStatusChanges(post.id)).toHaveLength(2)
    }
  })

  it('does not start a post that is not SCHEDULED', async () => {
    const { post } = await scheduledPost(t.db)
    await t.db.posts.transitionPost(post.id, {
      to: 'DRAFT',
      reason: 'unscheduled',
      actor: 'user:1',
    })
    expect(await t.db.publishing.beginPublishAttempt(post.id)).toEqual({
      started: false,
      status: 'DRAFT',
    })
    expect(
      await t.db.publishing.beginPublishAttempt('00000000-0000-4000-8000-000000000000'),
    ).toEqual({ started: false, status: null })
  })
})

describe('finishPublishAttempt', () => {
  it('records a publish and moves the post to PUBLISHED', async () => {
    const { post } = await scheduledPost(t.db)
    const begun = await t.db.publishing.beginPublishAttempt(post.id)
    if (!begun.started) throw new Error('expected to start')
    const publishedAt = new Date('2030-01-01T10:00:00Z')
    const { attempt, post: after } = await t.db.publishing.finishPublishAttempt(begun.attempt.id, {
      outcome: 'published',
      externalId: 'urn:li:share:1',
      url: 'https://example.test/1',
      publishedAt,
    })
    expect(attempt).toMatchObject({ outcome: 'published', error: null })
    expect(attempt.finishedAt).toBeInstanceOf(Date)
    expect(after).toMatchObject({
      status: 'PUBLISHED',
      externalId: 'urn:li:share:1',
      url: 'https://example.test/1',
      publishedAt,
    })
    await expect(
      t.db.publishing.finishPublishAttempt(begun.attempt.id, {
        outcome: 'published',
        externalId: 'again',
        publishedAt,
      }),
    ).rejects.toBeInstanceOf(AttemptAlreadyFinishedError)
  })

  it('keeps a pending attempt open with its checkpoint, then finishes it', async () => {
    const { post } = await scheduledPost(t.db)
    const begun = await t.db.publishing.beginPublishAttempt(post.id)
    if (!begun.started) throw new Error('expected to start')
    const pending = await t.db.publishing.finishPublishAttempt(begun.attempt.id, {
      outcome: 'pending',
      checkpoint: { containerId: 'c-1' },
    })
    expect(pending.post.status).toBe('PROCESSING')
    expect(pending.attempt).toMatchObject({
      outcome: 'pending',
      finishedAt: null,
      checkpoint: { containerId: 'c-1' },
    })
    expect(await t.db.publishing.getLatestPublishAttempt(post.id)).toMatchObject({
      checkpoint: { containerId: 'c-1' },
    })
    const done = await t.db.publishing.finishPublishAttempt(begun.attempt.id, {
      outcome: 'published',
      externalId: 'ig-1',
      publishedAt: new Date(),
    })
    expect(done.post.status).toBe('PUBLISHED')
  })

  it('reschedules on an error that did not reach the platform; attempt 2 gets its own key', async () => {
    const { post } = await scheduledPost(t.db)
    const first = await t.db.publishing.beginPublishAttempt(post.id)
    if (!first.started) throw new Error('expected to start')
    const error = new ProviderError({
      kind: 'rate_limited',
      platform: 'linkedin',
      message: 'Too many requests',
      status: 429,
      retryAfterMs: 1000,
    })
    const { post: after, attempt } = await t.db.publishing.finishPublishAttempt(first.attempt.id, {
      outcome: 'rescheduled',
      error,
    })
    expect(after).toMatchObject({ status: 'SCHEDULED', lastError: 'Too many requests' })
    expect(attempt.error).toEqual({
      kind: 'rate_limited',
      outcome: 'not_sent',
      message: 'Too many requests',
      status: 429,
    })
    const second = await t.db.publishing.beginPublishAttempt(post.id)
    expect(second).toMatchObject({
      started: true,
      // The key stays the same across attempts: a retry is the same publish.
      attempt: { attemptNumber: 2, idempotencyKey: `statex-post-${post.id}` },
    })
  })

  it('records an unknown outcome and refuses to reschedule it', async () => {
    const { post } = await scheduledPost(t.db)
    const begun = await t.db.publishing.beginPublishAttempt(post.id)
    if (!begun.started) throw new Error('expected to start')
    const error = new ProviderError({
      kind: 'transient',
      platform: 'twitter',
      message: 'socket hang up',
      outcome: 'unknown',
    })
    await expect(
      t.db.publishing.finishPublishAttempt(begun.attempt.id, { outcome: 'rescheduled', error }),
    ).rejects.toThrow(/record it as unknown/)
    const { post: after, attempt } = await t.db.publishing.finishPublishAttempt(begun.attempt.id, {
      outcome: 'unknown',
      error,
      checkpoint: { partIds: ['1'] },
    })
    expect(after.status).toBe('UNKNOWN')
    expect(attempt).toMatchObject({
      outcome: 'unknown',
      error: { kind: 'transient', outcome: 'unknown' },
      checkpoint: { partIds: ['1'] },
    })
    expect(await t.db.publishing.beginPublishAttempt(post.id)).toEqual({
      started: false,
      status: 'UNKNOWN',
    })
  })

  it('records a failure with the platform code', async () => {
    const { post } = await scheduledPost(t.db)
    const begun = await t.db.publishing.beginPublishAttempt(post.id)
    if (!begun.started) throw new Error('expected to start')
    const error = new ProviderError({
      kind: 'invalid_request',
      platform: 'facebook',
      message: 'Duplicate status message',
      status: 400,
      platformCode: 506,
    })
    const { post: after, attempt } = await t.db.publishing.finishPublishAttempt(begun.attempt.id, {
      outcome: 'failed',
      error,
    })
    expect(after).toMatchObject({ status: 'FAILED', lastError: 'Duplicate status message' })
    expect(attempt.error).toEqual({
      kind: 'invalid_request',
      outcome: 'not_sent',
      message: 'Duplicate status message',
      status: 400,
      platformCode: '506',
    })
  })
})

describe('settleGroupStatus', () => {
  it('of many targets of one group finishing at once, stores the final status and sees each change once', async () => {
    const { user, workspace } = await ownerWithWorkspace(t.db)
    const accounts = []
    for (let i = 0; i < 24; i++)
      accounts.push(await t.db.accounts.connectAccount(workspace.id, connectedAccount()))
    const group = await t.db.posts.createPostGroup({
      workspaceId: workspace.id,
      createdByUserId: user.id,
      content: { text: 'To every account' },
      targets: accounts.map((account) => ({ accountId: account.id })),
      scheduledAt: new Date(Date.now() - 60_000),
      timeZone: 'UTC',
      actor: `user:${user.id}`,
    })
    const dbs = [t.db, ...others]
    // Every target is claimed first, so the group reads "publishing" until the last one lands.
    const claims = await Promise.all(
      group.targets.map((target) =>
        t.db.engine.claimTarget(target.id, { leaseUntil: new Date(Date.now() + 60_000) }),
      ),
    )
    expect((await t.db.engine.settleGroupStatus(group.id)).status).toBe('publishing')
    const seen = await Promise.all(
      claims.map(async (claim, i) => {
        const db = dbs[i % dbs.length]!
        await db.engine.recordPublished(claim!.attemptId, {
          externalId: `ext-${i}`,
          publishedAt: new Date(),
        })
        return db.engine.settleGroupStatus(group.id)
      }),
    )
    const changes = seen.filter((s) => s.status !== s.previous)
    // The move from publishing to published is made, and told, by exactly one settler.
    expect(changes).toEqual([
      { status: 'published', previous: 'publishing', workspaceId: workspace.id },
    ])
    expect((await t.db.posts.getPostGroup(group.id))?.status).toBe('published')
  })
})
