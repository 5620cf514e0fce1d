import { DEFAULT_METRICS_SCHEDULE, type AccountAuth, type SocialProvider } from '@statex/core'
import { createTestDatabase, type TestDatabase } from '@statex/db/testing'
import { closeQueues, createQueues, type Queues } from '@statex/jobs'
import { createLogger } from '@statex/runtime'
import { twitter } from '@statex/twitter'
import { createXSimulator, type XSimulator } from '@statex/twitter/testing'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccountGate } from '../src/engine/account-gate.js'
import { createTokenService } from '../src/engine/token-service.js'
import { createMetricsScheduler } from '../src/metrics/metrics-scheduler.js'
import { createMetricsSync } from '../src/metrics/sync-metrics.js'
import { connectRedis, deletePrefix, uniquePrefix } from './support.js'

let t: TestDatabase
let sim: XSimulator
let provider: SocialProvider
let redis: ReturnType<typeof connectRedis>
let prefix: string
let queues: Queues
let accountId: string
let auth: AccountAuth
const targets: { id: string; externalId: string }[] = []

const silent = createLogger('worker', 'silent', new Writable({ write: (_c, _e, done) => done() }))

beforeAll(async () => {
  t = await createTestDatabase()
  sim = await createXSimulator()
  provider = twitter({ baseUrl: sim.baseUrl, clientId: 'client' })
  redis = connectRedis()
  prefix = uniquePrefix('metrics')
  queues = createQueues({ connection: redis, prefix })
  auth = sim.createAccount({ name: 'Metrics' })
  const user = await t.db.users.createUser({ email: `m-${prefix}@example.test`, name: 'M' })
  const workspace = await t.db.workspaces.createWorkspace({ name: prefix, ownerUserId: user.id })
  accountId = (
    await t.db.accounts.connectAccount(workspace.id, {
      platform: 'twitter',
      externalAccountId: auth.externalAccountId,
      displayName: 'Metrics',
      tokens: { accessToken: auth.accessToken, refreshToken: auth.refreshToken! },
    })
  ).id
  // 120 published posts: more than the 100 ids X takes per GET /2/tweets.
  for (let i = 0; i < 120; i++) {
    const published = await provider.publish({
      account: auth,
      post: { text: `Post number ${i}` },
      idempotencyKey: `k${i}`,
    })
    if (published.status !== 'published') throw new Error('expected a published post')
    const group = await t.db.posts.createPostGroup({
      workspaceId: workspace.id,
      createdByUserId: user.id,
      content: { text: `Post number ${i}` },
      targets: [{ accountId }],
      scheduledAt: new Date(Date.now() - 60_000),
      timeZone: 'UTC',
      actor: `user:${user.id}`,
    })
    const target = group.targets[0]!
    const begun = await t.db.publishing.beginPublishAttempt(target.id)
    if (!begun.started) throw new Error('expected to start')
    await t.db.publishing.finishPublishAttempt(begun.attempt.id, {
      outcome: 'published',
      externalId: published.externalId,
      publishedAt: new Date(Date.now() - 30_000),
    })
    targets.push({ id: target.id, externalId: published.externalId })
  }
}, 120_000)

afterAll(async () => {
  await closeQueues(queues)
  await deletePrefix(redis, prefix)
  redis.disconnect()
  await sim.close()
  await t.drop()
})

function sync() {
  return createMetricsSync({
    db: t.db,
    providers: { twitter: provider },
    tokens: createTokenService({ db: t.db, redis, prefix, providers: { twitter: provider } }),
    gate: createAccountGate({ redis, prefix: `${prefix}:metrics`, leaseMs: 60_000 }),
    publishPauses: createAccountGate({ redis, prefix, leaseMs: 60_000 }),
    schedule: DEFAULT_METRICS_SCHEDULE,
    log: silent,
  })
}

describe('the metrics sync', () => {
  it('puts due targets into one job per account and 100 ids, and records them in 2 calls', async () => {
    const scheduler = createMetricsScheduler({
      db: t.db,
      queue: queues['sync-metrics'],
      providers: { twitter: provider },
      maxAgeMs: DEFAULT_METRICS_SCHEDULE.maxAgeMs,
    })
    const stats = await scheduler.tick()
    expect(stats).toMatchObject({ jobs: 2, targets: 120, aged: 0 })
    // Claimed: a second tick finds nothing (the jobs are in flight).
    expect((await scheduler.tick()).targets).toBe(0)
    const queued = await queues['sync-metrics'].getJobs(['waiting', 'delayed', 'prioritized'])
    const jobs = queued.filter((j) => j.data.scope === 'posts')
    expect(jobs.map((j) => j.data.targetIds.length).sort()).toEqual([100, 20])
    // The account's daily figures: one job per account and day, whatever the ticks.
    expect(stats.accounts).toBe(1)
    expect(queued.filter((j) => j.data.scope === 'account').map((j) => j.data.accountId)).toEqual([
      accountId,
    ])

    sim.advance(3_600_000)
    const before = sim.requests.filter((r) => r.path === '/2/tweets' && r.method === 'GET').length
    const run = sync()
    let inserted = 0
    for (const job of jobs) {
      const outcome = await run.syncPosts(job.data.accountId, job.data.targetIds)
      inserted += 'inserted' in outcome ? outcome.inserted : 0
    }
    expect(inserted).toBe(120)
    expect(
      sim.requests.filter((r) => r.path === '/2/tweets' && r.method === 'GET').length - before,
    ).toBe(2)

    const workspaceId = await t.db.posts.getPostWorkspaceId(targets[0]!.id)
    const day = {
      workspaceId,
      from: new Date(Date.now() - 86_400_000),
      to: new Date(Date.now() + 86_400_000),
      timeZone: 'UTC',
    }
    const rollups = await t.db.analytics.dailyRollups(day)
    const tweets = targets.map((x) => sim.tweet(x.externalId)!.metrics)
    expect(rollups.reduce((sum, r) => sum + r.likes, 0)).toBe(
      tweets.reduce((sum, m) => sum + m.like_count, 0),
    )
    expect(rollups.reduce((sum, r) => sum + r.posts, 0)).toBe(120)
    const group = (await t.db.posts.getPost(targets[0]!.id))!.groupId
    const [target] = await t.db.analytics.targetsOfPost(workspaceId, group)
    expect(target!.latest!.likes).toBe(sim.tweet(targets[0]!.externalId)!.metrics.like_count)
    // Young posts come back in 15 minutes.
    expect(target!.nextSyncAt!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000)
    expect(target!.nextSyncAt!.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000)

    expect(await run.syncAccount(accountId)).toMatchObject({ inserted: 1 })
    const [figures] = await t.db.analytics.latestAccountMetrics(day)
    expect(figures).toMatchObject({ accountId, platform: 'twitter' })
    expect(figures!.followers).toBe(sim.account(auth.accessToken)!.followers)
    expect(
      await t.db.metrics.listAccountsDueForAccountMetrics({
        now: new Date(),
        platforms: ['twitter'],
        limit: 10,
      }),
    ).toEqual([])
  })

  it('stops, without asking the platform, targets past the window or of platforms without metrics', async () => {
    const workspaceId = await t.db.posts.getPostWorkspaceId(targets[0]!.id)
    const old = await t.db.posts.createPostGroup({
      workspaceId,
      content: { text: 'An old post' },
      targets: [{ accountId }],
      scheduledAt: new Date(Date.now() - 40 * 86_400_000),
      timeZone: 'UTC',
      actor: 'test',
    })
    const begun = await t.db.publishing.beginPublishAttempt(old.targets[0]!.id)
    if (!begun.started) throw new Error('expected to start')
    await t.db.publishing.finishPublishAttempt(begun.attempt.id, {
      outcome: 'published',
      externalId: targets[7]!.externalId,
      publishedAt: new Date(Date.now() - 40 * 86_400_000),
    })
    const calls = sim.requests.length
    const stats = await createMetricsScheduler({
      db: t.db,
      queue: queues['sync-metrics'],
      providers: { twitter: provider },
      maxAgeMs: DEFAULT_METRICS_SCHEDULE.maxAgeMs,
    }).tick()
    expect(stats).toMatchObject({ aged: 1, jobs: 0 })
    expect(sim.requests.length).toBe(calls)
    const [stopped] = await t.db.analytics.targetsOfPost(workspaceId, old.id)
    expect(stopped).toMatchObject({ stoppedReason: 'aged', nextSyncAt: null })
  })

  it('marks a fresh post of a platform without post metrics as such, not as aged, and never queues it', async () => {
    const workspaceId = await t.db.posts.getPostWorkspaceId(targets[0]!.id)
    const telegram = await t.db.accounts.connectAccount(workspaceId, {
      platform: 'telegram',
      externalAccountId: '@metrics_channel',
      displayName: 'Channel',
      tokens: { accessToken: 'bot-token' },
    })
    const group = await t.db.posts.createPostGroup({
      workspaceId,
      content: { text: 'To the channel' },
      targets: [{ accountId: telegram.id }],
      scheduledAt: new Date(Date.now() - 60_000),
      timeZone: 'UTC',
      actor: 'test',
    })
    const begun = await t.db.publishing.beginPublishAttempt(group.targets[0]!.id)
    if (!begun.started) throw new Error('expected to start')
    await t.db.publishing.finishPublishAttempt(begun.attempt.id, {
      outcome: 'published',
      externalId: '17',
      publishedAt: new Date(Date.now() - 30_000),
    })
    const stats = await createMetricsScheduler({
      db: t.db,
      queue: queues['sync-metrics'],
      providers: { twitter: provider },
      maxAgeMs: DEFAULT_METRICS_SCHEDULE.maxAgeMs,
    }).tick()
    expect(stats).toMatchObject({ unmeasured: 1, aged: 0 })
    const jobs = await queues['sync-metrics'].getJobs(['waiting', 'delayed', 'prioritized'])
    expect(jobs.some((j) => (j.data as { accountId: string }).accountId === telegram.id)).toBe(
      false,
    )
    const [stopped] = await t.db.analytics.targetsOfPost(workspaceId, group.id)
    expect(stopped).toMatchObject({ stoppedReason: 'no_post_metrics', nextSyncAt: null })
  })

  it('waits out a rate limit without pausing publishing, then marks a deleted post', async () => {
    const run = sync()
    sim.injectFault({ type: 'rate_limit', retryAfterSeconds: 120 }, { times: 1 })
    const ids = targets.slice(0, 3).map((x) => x.id)
    const waited = await run.syncPosts(accountId, ids)
    expect(waited).toMatchObject({ why: 'rate_limited' })
    expect((waited as { waitedMs: number }).waitedMs).toBeGreaterThan(100_000)
    const publishGate = createAccountGate({ redis, prefix, leaseMs: 60_000 })
    expect(await publishGate.pausedFor(accountId)).toBe(0)
    // While paused, no request leaves for the account.
    const calls = sim.requests.length
    expect(await run.syncPosts(accountId, ids)).toMatchObject({ why: 'rate_limited' })
    expect(sim.requests.length).toBe(calls)
    await redis.del(`${prefix}:metrics:account:${accountId}:paused`)

    const gone = targets[5]!
    await provider.deletePost!({ account: auth, externalId: gone.externalId })
    for (let i = 0; i < 3; i++) await run.syncPosts(accountId, [gone.id, targets[6]!.id])
    const workspaceId = await t.db.posts.getPostWorkspaceId(gone.id)
    const [deleted] = await t.db.analytics.targetsOfPost(
      workspaceId,
      (await t.db.posts.getPost(gone.id))!.groupId,
    )
    expect(deleted).toMatchObject({ stoppedReason: 'deleted', nextSyncAt: null })
    // A deleted post is no longer asked for.
    const before = sim.requests.length
    expect(await run.syncPosts(accountId, [gone.id])).toEqual({
      inserted: 0,
      missing: 0,
      deleted: 0,
    })
    expect(sim.requests.length).toBe(before)
  })

  it('does not read an account while publishing waits out its rate limit', async () => {
    const run = sync()
    // The platform told publishing to wait (a 429 on a post): reads wait with it.
    const publishGate = createAccountGate({ redis, prefix, leaseMs: 60_000 })
    await publishGate.pause(accountId, 60_000)
    try {
      const calls = sim.requests.length
      const ids = targets.slice(6, 8).map((x) => x.id)
      expect(await run.syncPosts(accountId, ids)).toMatchObject({ why: 'rate_limited' })
      expect(await run.syncAccount(accountId)).toEqual({ skipped: 'rate limited; tomorrow again' })
      expect(sim.requests.length).toBe(calls)
    } finally {
      await redis.del(`${prefix}:account:${accountId}:paused`)
      await redis.del(`${prefix}:metrics:account:${accountId}:paused`)
    }
  })
})
