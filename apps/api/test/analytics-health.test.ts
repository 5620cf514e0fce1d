import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, setup } from './fixtures.js'

// The figures beside engagement: link clicks, days in the workspace's zone, AI cost by tier,
// token problems. The workspace is in Pacific/Auckland (UTC+13 in January), so a UTC evening is
// the next day there: a series cut at UTC midnight would put these figures a day early.
let env: Awaited<ReturnType<typeof setup>>
let groupId: string
const range = 'startDate=2030-01-01T00:00:00Z&endDate=2030-02-01T00:00:00Z'
const evening = new Date('2030-01-07T20:00:00Z') // 2030-01-08 09:00 in Auckland

beforeAll(async () => {
  env = await setup('analytics-health')
  const { db, a } = env
  const zone = await env.app.inject({
    method: 'PUT',
    url: '/v1/workspace/slots',
    headers: bearer(a.keys.owner),
    payload: { slots: [], timeZone: 'Pacific/Auckland' },
  })
  expect(zone.statusCode, zone.body).toBe(200)
  const group = await db.posts.createPostGroup({
    workspaceId: a.workspaceId,
    createdByUserId: a.ownerId,
    content: { text: 'Spring sale', options: { whatsapp: { recipients: ['+420600000001'] } } },
    targets: [{ accountId: a.accounts.telegram }, { accountId: a.accounts.whatsapp }],
    scheduledAt: new Date('2030-01-07T19:00:00Z'),
    timeZone: 'Pacific/Auckland',
    actor: 'test',
  })
  groupId = group.id
  const [telegram, whatsapp] = group.targets
  const first = await db.publishing.beginPublishAttempt(telegram!.id)
  if (!first.started) throw new Error('expected to start')
  await db.publishing.finishPublishAttempt(first.attempt.id, {
    outcome: 'published',
    externalId: '7',
    publishedAt: new Date('2030-01-07T19:00:02Z'),
  })
  const second = await db.publishing.beginPublishAttempt(whatsapp!.id)
  if (!second.started) throw new Error('expected to start')
  await db.publishing.finishPublishAttempt(second.attempt.id, {
    outcome: 'failed',
    error: { kind: 'auth_revoked', outcome: 'not_sent', message: 'token revoked' },
  })
  await db.accounts.markNeedsReconnect(a.accounts.whatsapp, 'The token was revoked.')
  await db.metrics.recordSync({
    collected: [
      {
        postId: telegram!.id,
        metrics: { collectedAt: evening, views: 50, likes: 2, raw: { views: 50 } },
        nextSyncAt: new Date('2030-01-09T00:00:00Z'),
      },
    ],
  })
  await db.links.createShortLinks(a.workspaceId, group.id, [
    {
      code: 'spring-tg',
      accountId: a.accounts.telegram,
      platform: 'telegram',
      originalUrl: 'https://shop.example.com/spring',
      destination: 'https://shop.example.com/spring?utm_source=telegram',
    },
  ])
  await db.links.recordClick('spring-tg', evening)
  await db.links.recordClick('spring-tg', new Date('2030-01-07T20:40:00Z'))
  // 2030-01-09 02:00 in Auckland: a day of clicks without measured metrics.
  await db.links.recordClick('spring-tg', new Date('2030-01-08T13:00:00Z'))
  // Outside the range: counted on the link, not in the period.
  await db.links.recordClick('spring-tg', new Date('2030-03-01T00:00:00Z'))

  const usage = (tier: 'openai' | 'ollama', purpose: 'reply' | 'triage', costUsd: number) =>
    db.inboxSettings.recordUsage({
      workspaceId: a.workspaceId,
      purpose,
      tier,
      model: tier === 'openai' ? 'gpt-4o-mini' : 'llama3.2',
      tokensIn: 100,
      tokensOut: 40,
      latencyMs: 300,
      costUsd,
    })
  await usage('openai', 'reply', 0.000123)
  await usage('openai', 'reply', 0.000201)
  await usage('openai', 'triage', 0.00001)
  await usage('ollama', 'reply', 0)
}, 60_000)
afterAll(async () => {
  await env.close()
})

const get = (url: string, key = env.a.keys.viewer) =>
  env.app.inject({ method: 'GET', url, headers: bearer(key) })

describe('GET /v1/analytics beside engagement', () => {
  it("counts link clicks in totals, per platform and per day of the workspace's zone", async () => {
    const response = await get(`/v1/analytics?${range}`)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.range.timeZone).toBe('Pacific/Auckland')
    expect(body.totals.linkClicks).toBe(3)
    expect(
      body.platforms.map((p: { platform: string; linkClicks: number }) => [
        p.platform,
        p.linkClicks,
      ]),
    ).toEqual([
      ['telegram', 3],
      ['whatsapp', 0],
    ])
    expect(
      body.daily.map((d: { date: string; metrics: { views: number }; linkClicks: number }) => [
        d.date,
        d.metrics.views,
        d.linkClicks,
      ]),
    ).toEqual([
      ['2030-01-08', 50, 2],
      ['2030-01-09', 0, 1],
    ])
    expect(body.perAccount).toEqual([
      expect.objectContaining({
        accountId: env.a.accounts.telegram,
        platform: 'telegram',
        metrics: expect.objectContaining({ views: 50, likes: 2, engagements: 2 }),
        engagementRate: 2 / 50,
        posts: 1,
        linkClicks: 3,
      }),
    ])
    // A top post's clicks are its lifetime count, like its other latest figures.
    expect(body.topPosts[0]).toMatchObject({ postId: groupId, platform: 'telegram', linkClicks: 4 })
    const csv = (await get(`/v1/analytics/export?${range}`)).body.trim().split('\n')
    expect(csv.slice(1).map((line) => line.split(',').at(-1))).toEqual(['2', '1'])
    expect(csv[1]!.startsWith('2030-01-08,telegram,')).toBe(true)
  })

  it('gives token problems: auth failures in the range and the accounts to reconnect', async () => {
    const body = (await get(`/v1/analytics?${range}`)).json()
    expect(body.publishing.tokenProblems.authErrors).toEqual([
      { platform: 'whatsapp', kind: 'auth_revoked', count: 1 },
    ])
    expect(body.publishing.tokenProblems.accounts).toEqual([
      expect.objectContaining({
        accountId: env.a.accounts.whatsapp,
        platform: 'whatsapp',
        status: 'needs_reconnect',
        reason: 'The token was revoked.',
      }),
    ])
    expect(body.publishing.accounts.needsReconnect).toBe(1)
    const telegramOnly = (await get(`/v1/analytics?${range}&platform=telegram`)).json()
    expect(telegramOnly.publishing.tokenProblems).toEqual({ authErrors: [], accounts: [] })
    const other = (await get(`/v1/analytics?${range}`, env.b.keys.viewer)).json()
    expect(other.publishing.tokenProblems.accounts).toEqual([])
  })

  it('gives AI calls by tier with their cost, replies apart', async () => {
    const now = Date.now()
    const around = `startDate=${new Date(now - 86_400_000).toISOString()}&endDate=${new Date(now + 60_000).toISOString()}`
    const body = (await get(`/v1/analytics?${around}`)).json()
    expect(body.publishing.ai).toEqual({
      tiers: [
        {
          tier: 'ollama',
          calls: 1,
          replies: 1,
          tokensIn: 100,
          tokensOut: 40,
          costUsd: 0,
          replyCostUsd: 0,
        },
        {
          tier: 'openai',
          calls: 3,
          replies: 2,
          tokensIn: 300,
          tokensOut: 120,
          costUsd: 0.000334,
          replyCostUsd: 0.000324,
        },
      ],
      totalCostUsd: 0.000334,
      replies: 3,
      replyCostUsd: 0.000324,
    })
    // The 2030 period holds none of them; another workspace sees none.
    expect((await get(`/v1/analytics?${range}`)).json().publishing.ai.tiers).toEqual([])
    expect(
      (await get(`/v1/analytics?${around}`, env.b.keys.viewer)).json().publishing.ai.tiers,
    ).toEqual([])
  })
})
