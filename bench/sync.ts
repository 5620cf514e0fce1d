/**
 * `pnpm bench sync [--quick]`: metric snapshots ingested per second through the real sync path
 * (the scheduler's tick claims due targets in PostgreSQL, `sync-metrics` jobs in BullMQ, a
 * Worker running the metrics processor: X adapter → zero-latency X simulator → snapshots, latest
 * figures and rollups in one transaction per batch), beside a bare multi-row INSERT of the same
 * rows on the same database at the same concurrency, in the same run.
 */
import { cpus, loadavg } from 'node:os'
import { Worker } from 'bullmq'
import { Writable } from 'node:stream'
import pg from 'pg'
import { createAccountGate } from '../apps/worker/src/engine/account-gate.js'
import { createTokenService } from '../apps/worker/src/engine/token-service.js'
import {
  createMetricsProcessor,
  DEFAULT_METRICS_SETTINGS,
} from '../apps/worker/src/metrics/metrics-processor.js'
import { createMetricsScheduler } from '../apps/worker/src/metrics/metrics-scheduler.js'
import { createMetricsSync } from '../apps/worker/src/metrics/sync-metrics.js'
import { createDb } from '../packages/db/src/index.js'
import { createTestDatabase } from '../packages/db/src/testing.js'
import { closeQueues, createQueues } from '../packages/jobs/src/index.js'
import { connectRedis, deletePrefix, uniquePrefix } from '../packages/jobs/src/testing.js'
import { createLogger } from '../packages/runtime/src/index.js'
import { twitter } from '../packages/twitter/src/index.js'
import { createXSimulator } from '../packages/twitter/src/testing.js'
import { result, type Bench, type BenchContext, type BenchResult } from './lib.js'

const CONCURRENCY = 8
const METRIC_COLUMNS = ['impressions', 'likes', 'comments', 'shares', 'saves', 'clicks'] as const

async function inParallel<T>(items: T[], limit: number, each: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await each(items[next++]!)
    }),
  )
}

async function run({ quick, log }: BenchContext): Promise<BenchResult[]> {
  const accountsCount = quick ? 4 : 20
  const postsPerAccount = quick ? 250 : 500
  const rounds = quick ? 3 : 5
  const t = await createTestDatabase()
  const db = createDb({
    databaseUrl: t.databaseUrl,
    keyring: t.keyring,
    maxConnections: CONCURRENCY + 2,
  })
  const redis = connectRedis()
  const prefix = uniquePrefix('bench-sync')
  const queues = createQueues({ connection: redis, prefix })
  const sim = await createXSimulator({ host: '127.0.0.1', port: 0 })
  const provider = twitter({ baseUrl: sim.baseUrl, clientId: 'bench' })
  const providers = { twitter: provider }
  const pool = new pg.Pool({ connectionString: t.databaseUrl, max: CONCURRENCY })
  const silent = createLogger('bench', 'silent', new Writable({ write: (_c, _e, done) => done() }))
  let worker: Worker | undefined
  try {
    const owner = await db.users.createUser({ email: 'bench-sync@example.com' })
    const workspace = await db.workspaces.createWorkspace({ name: 'sync', ownerUserId: owner.id })
    const setupStarted = Date.now()
    for (let a = 0; a < accountsCount; a++) {
      const auth = sim.createAccount({ name: `Bench ${a}` })
      const account = await db.accounts.connectAccount(workspace.id, {
        platform: 'twitter',
        externalAccountId: auth.externalAccountId,
        displayName: `Bench ${a}`,
        tokens: { accessToken: auth.accessToken, refreshToken: auth.refreshToken! },
      })
      const ids: string[] = []
      await inParallel(
        Array.from({ length: postsPerAccount }, (_, i) => i),
        16,
        async (i) => {
          const published = await provider.publish({
            account: auth,
            post: { text: `Bench post ${a}-${i}` },
            idempotencyKey: `bench-${a}-${i}`,
          })
          // Text-only posts never wait for media processing: anything but published is a bug
          // (of the adapter or the simulator), not a smaller workload to measure.
          if (published.status !== 'published')
            throw new Error(`Bench post ${a}-${i} came back ${published.status}, not published`)
          ids.push(published.externalId)
        },
      )
      await pool.query(
        `WITH g AS (
           INSERT INTO post_groups (id, workspace_id, content, scheduled_at, status, updated_at)
           SELECT gen_random_uuid(), $1::uuid, '{"text":"bench"}', now() - interval '1 hour', 'published', now()
           FROM unnest($3::text[]) RETURNING id
         ), numbered AS (SELECT id, row_number() OVER () AS n FROM g),
         ext AS (SELECT e, row_number() OVER () AS n FROM unnest($3::text[]) AS e)
         INSERT INTO social_posts (group_id, account_id, status, content, scheduled_at, external_id, published_at, updated_at)
         SELECT numbered.id, $2::uuid, 'PUBLISHED', '{"text":"bench"}', now() - interval '1 hour', ext.e, now() - interval '1 hour', now()
         FROM numbered JOIN ext USING (n)`,
        [workspace.id, account.id, ids],
      )
    }
    const targets = Number(
      (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM social_posts`)).rows[0]!.n,
    )
    if (targets !== accountsCount * postsPerAccount)
      throw new Error(`${targets} targets stored of ${accountsCount * postsPerAccount} published`)
    log(
      `${targets} published posts on ${accountsCount} X accounts in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`,
    )

    const scheduler = createMetricsScheduler({
      db,
      queue: queues['sync-metrics'],
      providers,
      maxAgeMs: DEFAULT_METRICS_SETTINGS.schedule.maxAgeMs,
    })
    const processor = createMetricsProcessor({
      db,
      settings: DEFAULT_METRICS_SETTINGS,
      scheduler,
      sync: createMetricsSync({
        db,
        providers,
        tokens: createTokenService({ db, redis, prefix, providers }),
        gate: createAccountGate({ redis, prefix: `${prefix}:metrics`, leaseMs: 60_000 }),
        schedule: DEFAULT_METRICS_SETTINGS.schedule,
        log: silent,
      }),
    })
    let inserted = 0
    let failures = 0
    worker = new Worker(
      'sync-metrics',
      async (job) => {
        const outcome = (await processor(job)) as { inserted?: number }
        // A tick also queues each account's daily figures (one row each): not post snapshots.
        if ((job.data as { scope?: string }).scope !== 'account') inserted += outcome.inserted ?? 0
        return outcome
      },
      {
        connection: redis,
        prefix,
        concurrency: CONCURRENCY,
        settings: { backoffStrategy: () => 100 },
      },
    )
    worker.on('failed', (_job, error) => {
      failures++
      console.error(`sync job failed: ${error.message}`)
    })
    const queue = queues['sync-metrics']
    const drained = async () => {
      for (;;) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')
        if (Object.values(counts).every((n) => n === 0)) return
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    }

    let syncMs = 0
    for (let round = 0; round < rounds; round++) {
      sim.advance(15 * 60_000)
      // Outside the timing: every target due again, as 15 minutes later.
      await pool.query(`UPDATE social_posts SET metrics_next_sync_at = now() - interval '1 second'`)
      const started = performance.now()
      await scheduler.tick()
      await drained()
      syncMs += performance.now() - started
    }
    // Every round fetches every target once: another count means posts were left out or fetched twice.
    if (inserted !== targets * rounds)
      log(
        `warning: ${inserted} snapshots, not ${targets * rounds} (${targets} targets × ${rounds})`,
      )
    const snapshotsPerSecond = inserted / (syncMs / 1000)
    log(
      `${inserted} snapshots in ${rounds} rounds, ${(syncMs / 1000).toFixed(2)} s of sync, ${failures} failed attempts`,
    )

    // The floor: the same rows, 100 per INSERT, at the same concurrency, into a twin table.
    await pool.query(`CREATE TABLE baseline_snapshots (LIKE metric_snapshots INCLUDING ALL)`)
    const rows = (
      await pool.query<Record<string, unknown>>(
        `SELECT post_id, collected_at, ${METRIC_COLUMNS.join(', ')}, raw FROM metric_snapshots`,
      )
    ).rows
    const batches: Record<string, unknown>[][] = []
    for (let i = 0; i < rows.length; i += 100) batches.push(rows.slice(i, i + 100))
    const columns = ['post_id', 'collected_at', ...METRIC_COLUMNS, 'raw']
    const baselineStarted = performance.now()
    await inParallel(batches, CONCURRENCY, async (batch) => {
      const values: unknown[] = []
      const tuples = batch.map((row, r) => {
        for (const c of columns) values.push(row[c])
        return `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`
      })
      await pool.query(
        `INSERT INTO baseline_snapshots (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
        values,
      )
    })
    const baselinePerSecond = rows.length / ((performance.now() - baselineStarted) / 1000)
    // Other processes on the machine skew every figure; the ratio to the baseline less so.
    log(
      `load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    )
    return [
      result('bare multi-row INSERT (100 rows each, 8 at once)', baselinePerSecond, 'rows/s'),
      result(
        'snapshots/s through the sync path (X, 100 ids per call)',
        snapshotsPerSecond,
        'rows/s',
        baselinePerSecond,
      ),
    ]
  } finally {
    await worker?.close()
    await closeQueues(queues)
    await deletePrefix(redis, prefix)
    redis.disconnect()
    await pool.end()
    await sim.close()
    await db.close()
    await t.drop()
  }
}

export const sync: Bench = {
  name: 'sync',
  description:
    'metric snapshots/s through the real sync path (scheduler tick, BullMQ, X adapter on a zero-latency simulator, snapshots + rollups) beside a bare multi-row INSERT of the same rows',
  run,
}
