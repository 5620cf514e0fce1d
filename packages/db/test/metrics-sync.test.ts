import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../src/testing.js'
import type { TestDatabase } from '../src/testing.js'
import { scheduledPost } from './fixtures.js'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.drop()
})

/** A workspace with one target published at `publishedAt` as `externalId`. */
async function publishedTarget(publishedAt: Date, externalId = 'urn:li:share:1') {
  const made = await scheduledPost(t.db)
  const begun = await t.db.publishing.beginPublishAttempt(made.post.id)
  if (!begun.started) throw new Error('expected to start')
  await t.db.publishing.finishPublishAttempt(begun.attempt.id, {
    outcome: 'published',
    externalId,
    publishedAt,
  })
  return made
}

const range = (workspaceId: string) => ({
  workspaceId,
  from: new Date('2030-01-01T00:00:00Z'),
  to: new Date('2030-02-01T00:00:00Z'),
  timeZone: 'UTC',
})

describe('the metrics sync schedule', () => {
  it('claims a due target once (a lease), and not a stopped one', async () => {
    const published = new Date('2030-01-01T10:00:00Z')
    const { post } = await publishedTarget(published)
    const now = new Date('2030-01-01T10:01:00Z')
    const claimed = await t.db.metrics.claimDue({ now, limit: 1000, leaseMs: 600_000 })
    expect(claimed.map((c) => c.postId)).toContain(post.id)
    expect(claimed.find((c) => c.postId === post.id)).toMatchObject({
      platform: 'linkedin',
      externalId: 'urn:li:share:1',
      publishedAt: published,
    })
    const again = await t.db.metrics.claimDue({ now, limit: 1000, leaseMs: 600_000 })
    expect(again.map((c) => c.postId)).not.toContain(post.id)
    // After the lease (a job lost with Redis), it is due again.
    const later = await t.db.metrics.claimDue({
      now: new Date(now.getTime() + 600_001),
      limit: 1000,
      leaseMs: 600_000,
    })
    expect(later.map((c) => c.postId)).toContain(post.id)
    await t.db.metrics.stopSync([post.id], 'aged')
    const stopped = await t.db.metrics.claimDue({
      now: new Date('2031-01-01T00:00:00Z'),
      limit: 1000,
      leaseMs: 1,
    })
    expect(stopped.map((c) => c.postId)).not.toContain(post.id)
  })
})

describe('recording a sync', () => {
  it('stores the series, keeps the latest on the post, and rolls up the differences per day', async () => {
    const published = new Date('2030-01-05T09:30:00Z')
    const { post, workspace } = await publishedTarget(published)
    const point = (at: string, likes: number, impressions: number) => ({
      postId: post.id,
      metrics: { collectedAt: new Date(at), likes, impressions, comments: 1, raw: { at } },
      nextSyncAt: new Date(new Date(at).getTime() + 900_000),
    })
    expect(
      await t.db.metrics.recordSync({ collected: [point('2030-01-05T10:00:00Z', 4, 100)] }),
    ).toEqual({ inserted: 1, deleted: 0 })
    // Next day: 10 likes, 300 impressions in all; the same point again is not counted twice.
    await t.db.metrics.recordSync({ collected: [point('2030-01-06T10:00:00Z', 10, 300)] })
    await t.db.metrics.recordSync({ collected: [point('2030-01-06T10:00:00Z', 10, 300)] })

    const daily = await t.db.analytics.dailyRollups(range(workspace.id))
    expect(daily.map((d) => [d.day, d.likes, d.impressions, d.engagements, d.posts])).toEqual([
      ['2030-01-05', 4, 100, 5, 1],
      ['2030-01-06', 6, 200, 6, 0],
    ])
    const [target] = await t.db.analytics.targetsOfPost(workspace.id, post.groupId)
    expect(target!.latest).toMatchObject({
      likes: 10,
      impressions: 300,
      comments: 1,
      engagements: 11,
      audience: 300,
    })
    expect(target!.nextSyncAt).toEqual(new Date('2030-01-06T10:15:00Z'))
    const series = await t.db.metrics.listMetricSeries(post.id, range(workspace.id))
    expect(series.map((s) => s.likes)).toEqual([4, 10])
    expect(series[1]!.raw).toEqual({ at: '2030-01-06T10:00:00Z' })

    // Best times: the publish hour in the workspace's zone (Prague, UTC+1 in January).
    const times = await t.db.analytics.timeOfWeek({
      ...range(workspace.id),
      timeZone: 'Europe/Prague',
    })
    expect(times).toEqual([{ hour: 10, weekday: 6, posts: 1, engagements: 11, audience: 300 }])
    const top = await t.db.analytics.topPosts({ ...range(workspace.id), limit: 5 })
    expect(top.map((p) => p.targetId)).toEqual([post.id])

    // A point older than the latest joins the series without moving the figures.
    await t.db.metrics.recordSync({ collected: [point('2030-01-05T12:00:00Z', 7, 150)] })
    expect((await t.db.analytics.dailyRollups(range(workspace.id))).map((d) => d.likes)).toEqual([
      4, 6,
    ])
  })

  it('marks a target deleted after three answers in a row without it, and stops at the end', async () => {
    const { post } = await publishedTarget(new Date('2030-01-10T09:00:00Z'))
    const missing = [{ postId: post.id, nextSyncAt: new Date('2030-01-10T10:00:00Z') }]
    expect((await t.db.metrics.recordSync({ collected: [], missing })).deleted).toBe(0)
    expect((await t.db.metrics.recordSync({ collected: [], missing })).deleted).toBe(0)
    expect((await t.db.metrics.recordSync({ collected: [], missing })).deleted).toBe(1)
    const [target] = await t.db.analytics.targetsOfPost(
      (await t.db.posts.getPostWorkspaceId(post.id)) as string,
      post.groupId,
    )
    expect(target).toMatchObject({ stoppedReason: 'deleted', nextSyncAt: null })

    const other = await publishedTarget(new Date('2030-01-10T09:00:00Z'))
    await t.db.metrics.recordSync({
      collected: [
        {
          postId: other.post.id,
          metrics: { collectedAt: new Date('2030-02-09T09:00:00Z'), likes: 1, raw: {} },
          nextSyncAt: null,
        },
      ],
    })
    const [settled] = await t.db.analytics.targetsOfPost(other.workspace.id, other.post.groupId)
    expect(settled).toMatchObject({ stoppedReason: 'aged', nextSyncAt: null })
  })

  it('thins raw snapshots older than the retention to one per post and day; rollups stay', async () => {
    const { post, workspace } = await publishedTarget(new Date('2030-01-20T08:00:00Z'))
    const collected = [0, 1, 2, 3].map((i) => ({
      postId: post.id,
      metrics: {
        collectedAt: new Date(Date.parse('2030-01-20T09:00:00Z') + i * 900_000),
        likes: i + 1,
        raw: {},
      },
      nextSyncAt: new Date('2030-01-21T00:00:00Z'),
    }))
    expect((await t.db.metrics.recordSync({ collected })).inserted).toBe(4)
    const before = await t.db.analytics.dailyRollups(range(workspace.id))
    expect(
      (await t.db.metrics.thinSnapshots({ olderThan: new Date('2030-01-21T00:00:00Z') })).deleted,
    ).toBeGreaterThanOrEqual(3)
    const series = await t.db.metrics.listMetricSeries(post.id, range(workspace.id))
    expect(series.map((s) => s.likes)).toEqual([4])
    expect(await t.db.analytics.dailyRollups(range(workspace.id))).toEqual(before)
  })
})
