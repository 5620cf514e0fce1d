/**
 * `pnpm bench analytics [--quick]`: `GET /v1/analytics` over 90 days for a workspace with
 * 100,000 posts and 10,000,000 metric snapshots (quick: 10,000 posts, 200,000 snapshots), seeded
 * by COPY, beside a primary-key lookup on the same database in the same run: p50 and p95 of
 * requests one after another (the latency one person's dashboard sees).
 */
import { cpus, loadavg } from 'node:os'
import { Redis } from 'ioredis'
import pg from 'pg'
import { buildApp } from '../apps/api/src/app.js'
import { createDb } from '../packages/db/src/index.js'
import { createTestDatabase } from '../packages/db/src/testing.js'
import { createQueues, closeQueues } from '../packages/jobs/src/index.js'
import { buildProviderRegistry, loadPlatformConfig } from '../packages/providers/src/index.js'
import type { Platform } from '../packages/core/src/index.js'
import { seedAnalytics } from './analytics-seed.js'
import {
  percentile,
  result,
  timed,
  type Bench,
  type BenchContext,
  type BenchResult,
} from './lib.js'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const PLATFORMS: Platform[] = ['twitter', 'linkedin', 'facebook', 'instagram']

async function run({ quick, log }: BenchContext): Promise<BenchResult[]> {
  const posts = quick ? 10_000 : 100_000
  // 103 a post: 10,000,000 snapshots over the 97 % of posts that were published (3 % failed).
  const snapshotsPerPost = quick ? 20 : 103
  const requests = quick ? 100 : 300
  const t = await createTestDatabase()
  const db = createDb({ databaseUrl: t.databaseUrl, keyring: t.keyring })
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true })
  await redis.connect()
  const queueRedis = new Redis(REDIS_URL, { maxRetriesPerRequest: null })
  const prefix = `bench-analytics-${process.pid}`
  const queues = createQueues({ connection: queueRedis, prefix })
  const app = await buildApp({
    config: { logLevel: 'warn', queuePrefix: prefix, rateLimitPerMinute: 100_000_000 },
    db,
    redis,
    providers: buildProviderRegistry(
      loadPlatformConfig({ STATEX_SANDBOX_URL: 'http://127.0.0.1:9' }),
    ),
    queues,
  })
  const client = new pg.Client({ connectionString: t.databaseUrl })
  try {
    const owner = await db.users.createUser({ email: 'bench-analytics@example.com' })
    const workspace = await db.workspaces.createWorkspace({
      name: 'analytics',
      ownerUserId: owner.id,
    })
    await client.connect()
    await client.query(`UPDATE workspaces SET time_zone = 'Europe/Prague' WHERE id = $1`, [
      workspace.id,
    ])
    const accounts = []
    for (let i = 0; i < 8; i++) {
      const platform = PLATFORMS[i % PLATFORMS.length]!
      const account = await db.accounts.connectAccount(workspace.id, {
        platform,
        externalAccountId: `bench-${i}`,
        displayName: `Bench ${platform} ${i}`,
        tokens: { accessToken: `bench-token-${i}` },
      })
      accounts.push({ id: account.id, platform })
    }
    const key = (
      await db.apiKeys.createApiKey({ workspaceId: workspace.id, name: 'bench', role: 'viewer' })
    ).plaintext
    const now = new Date()
    const seedStarted = Date.now()
    const seeded = await seedAnalytics({
      databaseUrl: t.databaseUrl,
      workspaceId: workspace.id,
      accounts,
      posts,
      snapshotsPerPost,
      now,
    })
    const seedMs = Date.now() - seedStarted
    log(
      `seeded ${posts} posts and ${seeded.snapshots} snapshots by COPY in ${(seedMs / 1000).toFixed(1)} s`,
    )

    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    const query = `startDate=${new Date(now.getTime() - 90 * 86_400_000).toISOString()}&endDate=${now.toISOString()}`
    const headers = { authorization: `Bearer ${key}` }
    const analytics = async () => {
      const response = await fetch(`${url}/v1/analytics?${query}`, { headers })
      if (response.status !== 200)
        throw new Error(`GET /v1/analytics: ${response.status} ${await response.text()}`)
      await response.arrayBuffer()
    }
    const ids = (
      await client.query<{ id: string }>('SELECT id FROM social_posts ORDER BY random() LIMIT 1000')
    ).rows.map((r) => r.id)
    let n = 0
    const lookup = async () => {
      await client.query('SELECT * FROM social_posts WHERE id = $1', [ids[n++ % ids.length]])
    }
    // Warm-up: pools, JIT, query plans, the pages the queries read.
    await timed(20, analytics)
    await timed(50, lookup)
    const answer = (await (await fetch(`${url}/v1/analytics?${query}`, { headers })).json()) as {
      totals: { metrics: { engagements: number } }
      daily: unknown[]
    }
    log(
      `90-day answer: ${answer.daily.length} days, ${answer.totals.metrics.engagements} engagements`,
    )
    const api = await timed(requests, analytics)
    const pk = await timed(requests, lookup)
    const rawCount = await timed(1, async () => {
      await client.query('SELECT count(*) FROM metric_snapshots')
    })
    // Other processes on the machine skew every figure; the ratio to the baseline less so.
    log(
      `load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    )
    return [
      result('snapshots seeded', seeded.snapshots, 'rows'),
      result('seed by COPY', seedMs / 1000, 's'),
      result('primary-key lookup p50', percentile(pk, 50), 'ms'),
      result('primary-key lookup p95', percentile(pk, 95), 'ms'),
      result('GET /v1/analytics 90 days p50', percentile(api, 50), 'ms', percentile(pk, 50)),
      result('GET /v1/analytics 90 days p95', percentile(api, 95), 'ms', percentile(pk, 95)),
      result(
        'count(*) of raw snapshots (what a query without rollups would scan)',
        rawCount[0]!,
        'ms',
        percentile(api, 50),
      ),
    ]
  } finally {
    await client.end().catch(() => undefined)
    await app.close()
    await db.close()
    await closeQueues(queues)
    queueRedis.disconnect()
    redis.disconnect()
    await t.drop()
  }
}

export const analytics: Bench = {
  name: 'analytics',
  description:
    'GET /v1/analytics over 90 days, 100,000 posts and 10,000,000 snapshots seeded by COPY (quick: 10,000 and 200,000), p50/p95 beside a primary-key lookup',
  run,
}
