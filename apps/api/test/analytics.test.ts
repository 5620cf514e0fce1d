import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
let groupId: string
let publishedTarget: string

// Scheduled Monday 2030-01-07 09:00 UTC (the workspace zone is UTC); one target out 4 s late, one failed.
const scheduledAt = new Date('2030-01-07T09:00:00Z')
const range = 'startDate=2030-01-01T00:00:00Z&endDate=2030-02-01T00:00:00Z'

beforeAll(async () => {
  env = await setup('analytics')
  const { db, a } = env
  const group = await db.posts.createPostGroup({
    workspaceId: a.workspaceId,
    createdByUserId: a.ownerId,
    content: { text: 'Measured', options: { whatsapp: { recipients: ['+420600000001'] } } },
    targets: [{ accountId: a.accounts.telegram }, { accountId: a.accounts.whatsapp }],
    scheduledAt,
    timeZone: 'Europe/Prague',
    actor: 'test',
  })
  groupId = group.id
  const [telegram, whatsapp] = group.targets
  publishedTarget = telegram!.id
  const first = await db.publishing.beginPublishAttempt(telegram!.id)
  if (!first.started) throw new Error('expected to start')
  await db.publishing.finishPublishAttempt(first.attempt.id, {
    outcome: 'published',
    externalId: '42',
    publishedAt: new Date(scheduledAt.getTime() + 4_000),
  })
  const second = await db.publishing.beginPublishAttempt(whatsapp!.id)
  if (!second.started) throw new Error('expected to start')
  await db.publishing.finishPublishAttempt(second.attempt.id, {
    outcome: 'failed',
    error: { kind: 'invalid_request', outcome: 'not_sent', message: 'no template' },
  })
  const point = (at: string, views: number, likes: number) => ({
    postId: telegram!.id,
    metrics: { collectedAt: new Date(at), views, likes, shares: 1, raw: { at } },
    nextSyncAt: new Date('2030-01-09T00:00:00Z'),
  })
  await db.metrics.recordSync({ collected: [point('2030-01-07T10:00:00Z', 100, 5)] })
  await db.metrics.recordSync({ collected: [point('2030-01-08T10:00:00Z', 400, 9)] })
}, 60_000)
afterAll(async () => {
  await env.close()
})

describe('GET /v1/analytics', () => {
  it('gives totals, per platform, a daily series, top posts, best times and publishing health', async () => {
    const response = await env.app.inject({
      method: 'GET',
      url: `/v1/analytics?${range}`,
      headers: bearer(env.a.keys.viewer),
    })
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.totals.posts).toEqual({ published: 1, failed: 1, scheduled: 0, total: 2 })
    expect(body.totals.metrics).toMatchObject({ views: 400, likes: 9, shares: 1, engagements: 10 })
    expect(body.totals.engagementRate).toBeCloseTo(10 / 400)
    expect(
      body.daily.map((d: { date: string; metrics: { likes: number } }) => [
        d.date,
        d.metrics.likes,
      ]),
    ).toEqual([
      ['2030-01-07', 5],
      ['2030-01-08', 4],
    ])
    expect(body.platforms.map((p: { platform: string }) => p.platform)).toEqual([
      'telegram',
      'whatsapp',
    ])
    expect(body.topPosts).toEqual([
      expect.objectContaining({ targetId: publishedTarget, postId: groupId, platform: 'telegram' }),
    ])
    expect(body.bestTimes).toMatchObject({ timeZone: 'UTC' })
    expect(body.bestTimes.hours[0]).toMatchObject({ hour: 9, posts: 1, engagements: 10 })
    expect(body.bestTimes.weekdays[0]).toMatchObject({ weekday: 1 })
    expect(body.publishing).toMatchObject({
      successRate: 0.5,
      lateness: { medianMs: 4_000, p95Ms: 4_000 },
      failures: [{ platform: 'whatsapp', reason: 'invalid_request', count: 1 }],
    })
  })

  it("keeps to the caller's workspace and platform, and refuses a bad period", async () => {
    const other = await env.app.inject({
      method: 'GET',
      url: `/v1/analytics?${range}`,
      headers: bearer(env.b.keys.viewer),
    })
    expect(other.json().totals.metrics.views).toBe(0)
    const whatsapp = await env.app.inject({
      method: 'GET',
      url: `/v1/analytics?${range}&platform=whatsapp`,
      headers: bearer(env.a.keys.viewer),
    })
    expect(whatsapp.json().totals.posts.failed).toBe(1)
    expect(whatsapp.json().totals.metrics.views).toBe(0)
    const backwards = await env.app.inject({
      method: 'GET',
      url: '/v1/analytics?startDate=2030-02-01T00:00:00Z&endDate=2030-01-01T00:00:00Z',
      headers: bearer(env.a.keys.viewer),
    })
    expect(backwards.statusCode).toBe(422)
    expect(backwards.json().error.message).toContain('startDate must be before endDate')
    const tooLong = await env.app.inject({
      method: 'GET',
      url: '/v1/analytics?startDate=2020-01-01T00:00:00Z&endDate=2030-01-01T00:00:00Z',
      headers: bearer(env.a.keys.viewer),
    })
    expect(tooLong.statusCode).toBe(422)
  })
})

describe('GET /v1/posts/:id/metrics and the CSV export', () => {
  it("gives each target's series and latest figures", async () => {
    const response = await env.app.inject({
      method: 'GET',
      url: `/v1/posts/${groupId}/metrics`,
      headers: bearer(env.a.keys.viewer),
    })
    expect(response.statusCode, response.body).toBe(200)
    const target = response
      .json()
      .targets.find((t: { targetId: string }) => t.targetId === publishedTarget)
    expect(target.series.map((s: { views: number }) => s.views)).toEqual([100, 400])
    expect(target.latest).toMatchObject({ views: 400, likes: 9, engagements: 10 })
    expect(target.sync).toEqual({ nextAt: '2030-01-09T00:00:00.000Z', stopped: null })
    const foreign = await env.app.inject({
      method: 'GET',
      url: `/v1/posts/${groupId}/metrics`,
      headers: bearer(env.b.keys.viewer),
    })
    expect(foreign.statusCode).toBe(404)
  })

  it('exports the daily series as CSV', async () => {
    const response = await env.app.inject({
      method: 'GET',
      url: `/v1/analytics/export?${range}`,
      headers: bearer(env.a.keys.viewer),
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toContain('text/csv')
    const [header, first, second] = response.body.trim().split('\n')
    expect(header).toBe(
      'date,platform,impressions,reach,likes,comments,shares,clicks,saves,views,engagements,audience,engagement_rate,posts_first_measured,link_clicks',
    )
    expect(first).toBe('2030-01-07,telegram,0,0,5,0,1,0,0,100,6,100,0.06,1,0')
    expect(second).toBe('2030-01-08,telegram,0,0,4,0,0,0,0,300,4,300,0.013333333333333334,0,0')
  })
})
