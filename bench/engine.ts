import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseEncryptionKeys } from '@statex/db'
import { createTestDatabase, type TestDatabase } from '@statex/db/testing'
import { connectRedis, deletePrefix, REDIS_URL, uniquePrefix } from '@statex/jobs/testing'
import { createQueues, closeQueues } from '@statex/jobs'
import { SANDBOX_SECRETS } from '@statex/providers'
import { createTelegramSimulator } from '@statex/telegram/testing'
import { SIMULATED_CUSTOMERS, createWhatsAppSimulator } from '@statex/whatsapp/testing'
import { Queue, Worker } from 'bullmq'
import pg from 'pg'
import { exited, spawnWorker, startPrefixProxy } from '../apps/worker/chaos/support.js'
import { createDispatcher } from '../apps/worker/src/engine/dispatcher.js'
import { percentile, result, type Bench, type BenchContext, type BenchResult } from './lib.js'

// The publishing engine, measured on this machine's real PostgreSQL and Redis, with real worker
// processes (apps/worker/dist/main.js) publishing to in-process, zero-latency simulators.

const WORKER_MAIN = fileURLToPath(new URL('../apps/worker/dist/main.js', import.meta.url))
const KEYS = `bench:${Buffer.alloc(32, 9).toString('base64')}`
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Env {
  testDb: TestDatabase
  sql: pg.Client
  prefix: string
  redis: ReturnType<typeof connectRedis>
  workspaceId: string
  accountIds: string[]
  proxyUrl: string
  close(): Promise<void>
}

async function setUp(accounts: number): Promise<Env> {
  const testDb = await createTestDatabase({ keyring: parseEncryptionKeys(KEYS) })
  const sql = new pg.Client({ connectionString: testDb.databaseUrl })
  await sql.connect()
  const telegramSim = await createTelegramSimulator()
  const whatsappSim = await createWhatsAppSimulator({
    appSecret: SANDBOX_SECRETS.whatsappAppSecret,
  })
  const proxy = await startPrefixProxy({
    telegram: telegramSim.baseUrl,
    whatsapp: whatsappSim.baseUrl,
  })
  const { db } = testDb
  const user = await db.users.createUser({ email: 'bench@example.test', name: 'Bench' })
  const workspace = await db.workspaces.createWorkspace({ name: 'Bench', ownerUserId: user.id })
  const accountIds: string[] = []
  for (let i = 0; i < accounts; i++) {
    const platform = i % 2 === 0 ? 'telegram' : 'whatsapp'
    const auth = (platform === 'telegram' ? telegramSim : whatsappSim).createAccount({
      name: `b${i}`,
    })
    const account = await db.accounts.connectAccount(workspace.id, {
      platform,
      externalAccountId: auth.externalAccountId,
      displayName: `bench ${i}`,
      tokens: { accessToken: auth.accessToken },
    })
    accountIds.push(account.id)
  }
  const redis = connectRedis()
  const prefix = uniquePrefix('bench')
  return {
    testDb,
    sql,
    prefix,
    redis,
    workspaceId: workspace.id,
    accountIds,
    proxyUrl: proxy.url,
    async close() {
      await stopWorkers([...running], 'SIGKILL')
      await deletePrefix(redis, prefix)
      await redis.quit()
      await sql.end()
      await proxy.close()
      await telegramSim.close()
      await whatsappSim.close()
      await testDb.drop()
    },
  }
}

/** `rounds` groups, one target per account each, all due at `at`; straight SQL, for speed. */
async function insertTargets(env: Env, rounds: number, at: Date, accountIds = env.accountIds) {
  const recipient = `+${SIMULATED_CUSTOMERS[0]!.waId}`
  await env.sql.query(
    `WITH g AS (
       INSERT INTO post_groups (workspace_id, content, scheduled_at, status)
       SELECT $1::uuid, '{"text":"bench"}'::jsonb, $2, 'scheduled' FROM generate_series(1, $3)
       RETURNING id)
     INSERT INTO social_posts (group_id, account_id, status, content, scheduled_at)
     SELECT g.id, a.id, 'SCHEDULED',
            jsonb_build_object('text', 'bench ' || g.id, 'options',
              jsonb_build_object('whatsapp', jsonb_build_object('recipients', jsonb_build_array($5::text)))),
            $2
     FROM g CROSS JOIN unnest($4::uuid[]) AS a(id)`,
    [env.workspaceId, at, rounds, accountIds, recipient],
  )
  return rounds * accountIds.length
}

// Every worker process this bench started and has not stopped: a bench that fails half-way must
// not leave them publishing (its own exit does not end them). env.close() kills what is left.
const running = new Set<ChildProcess>()

async function startWorkers(env: Env, count: number): Promise<ChildProcess[]> {
  const children: ChildProcess[] = []
  for (let i = 0; i < count; i++) {
    children.push(
      spawnWorker(
        {
          DATABASE_URL: env.testDb.databaseUrl,
          REDIS_URL,
          STATEX_ENCRYPTION_KEYS: KEYS,
          STATEX_SANDBOX_URL: env.proxyUrl,
          QUEUE_PREFIX: env.prefix,
          WORKER_CONCURRENCY: '50',
          DISPATCH_INTERVAL_MS: '500',
          LOG_LEVEL: 'error',
        },
        WORKER_MAIN,
      ),
    )
  }
  for (const child of children) running.add(child)
  // Ready when every process has written its heartbeat.
  for (;;) {
    const keys = await env.redis.keys(`${env.prefix}:worker:heartbeat:*`)
    if (keys.length >= count) return children
    await sleep(100)
  }
}

async function stopWorkers(
  children: ChildProcess[],
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  for (const child of children) child.kill(signal)
  await Promise.all(children.map(exited))
  for (const child of children) running.delete(child)
}

async function publishedCount(env: Env): Promise<number> {
  const { rows } = await env.sql.query<{ n: string }>(
    "SELECT count(*) AS n FROM social_posts WHERE status IN ('PUBLISHED', 'FAILED', 'UNKNOWN')",
  )
  return Number(rows[0]!.n)
}

async function resetTargets(env: Env): Promise<void> {
  await env.sql.query('DELETE FROM post_groups')
}

/** Targets/s from their due instant until the last one settled. */
async function engineThroughput(
  env: Env,
  workers: number,
  rounds: number,
  log: BenchContext['log'],
) {
  await resetTargets(env)
  const children = await startWorkers(env, workers)
  const at = new Date(Date.now() + 2_000)
  const n = await insertTargets(env, rounds, at)
  while ((await publishedCount(env)) < n) await sleep(50)
  const seconds = (Date.now() - at.getTime()) / 1_000
  await stopWorkers(children)
  const { rows } = await env.sql.query<{ n: string }>(
    "SELECT count(*) AS n FROM social_posts WHERE status = 'PUBLISHED'",
  )
  log(`${workers} worker(s): ${n} targets in ${seconds.toFixed(2)} s (${rows[0]!.n} published)`)
  return n / seconds
}

/** Raw BullMQ on the same Redis: no-op jobs through one Worker at concurrency 50. */
async function rawBullmq(env: Env, n: number): Promise<number> {
  const prefix = `${env.prefix}-raw`
  const queue = new Queue('noop', { connection: env.redis, prefix })
  const started = Date.now()
  for (let i = 0; i < n; i += 1_000)
    await queue.addBulk(
      Array.from({ length: Math.min(1_000, n - i) }, (_, j) => ({
        name: 'noop',
        data: { i: i + j },
        opts: { removeOnComplete: true },
      })),
    )
  let done = 0
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker('noop', async () => undefined, {
      connection: connectRedis(),
      prefix,
      concurrency: 50,
    })
    worker.on('completed', () => {
      if (++done === n) void worker.close().then(() => resolve())
    })
  })
  await finished
  const rate = n / ((Date.now() - started) / 1_000)
  await queue.obliterate({ force: true })
  await queue.close()
  await deletePrefix(env.redis, prefix)
  return rate
}

/** Each published target's lateness: its PUBLISHED audit row's time minus its scheduled time. */
async function latenessMs(env: Env): Promise<number[]> {
  const { rows } = await env.sql.query<{ ms: number }>(
    `SELECT EXTRACT(EPOCH FROM (c.at - p.scheduled_at)) * 1000 AS ms
     FROM post_status_changes c JOIN social_posts p ON p.id = c.post_id
     WHERE c.to_status = 'PUBLISHED' ORDER BY ms`,
  )
  return rows.map((row) => Number(row.ms))
}

async function punctuality(env: Env, rounds: number, log: BenchContext['log']) {
  await resetTargets(env)
  const children = await startWorkers(env, 2)
  const at = new Date(Math.ceil((Date.now() + 5_000) / 1_000) * 1_000)
  const n = await insertTargets(env, rounds, at)
  while ((await publishedCount(env)) < n) await sleep(100)
  await stopWorkers(children)
  const lateness = await latenessMs(env)
  log(`${n} targets due at ${at.toISOString()}: ${lateness.length} published`)
  return { p50: percentile(lateness, 50), p99: percentile(lateness, 99), n }
}

/**
 * Lateness at a steady rate, the everyday case: `rate` targets a second for `seconds`, each its
 * own post, round the accounts, all inserted ahead (as scheduling does) with two workers running.
 * The burst above measures how a backlog drains; this, whether "on time" holds (p99 < 2 s).
 */
async function steadyPunctuality(
  env: Env,
  rate: number,
  seconds: number,
  log: BenchContext['log'],
) {
  await resetTargets(env)
  const children = await startWorkers(env, 2)
  const start = Date.now() + 3_000
  const n = rate * seconds
  const recipient = `+${SIMULATED_CUSTOMERS[0]!.waId}`
  await env.sql.query(
    `WITH s AS (
       SELECT i, to_timestamp(($2::float8 + i * 1000.0 / $3) / 1000) AS at,
              ($4::uuid[])[1 + i % cardinality($4::uuid[])] AS account_id
       FROM generate_series(0, $5 - 1) AS i),
     g AS (
       INSERT INTO post_groups (workspace_id, content, scheduled_at, status)
       SELECT $1::uuid, jsonb_build_object('text', 'steady', 'i', i), at, 'scheduled' FROM s
       RETURNING id, scheduled_at, (content->>'i')::int AS i)
     INSERT INTO social_posts (group_id, account_id, status, content, scheduled_at)
     SELECT g.id, s.account_id, 'SCHEDULED',
            jsonb_build_object('text', 'steady ' || s.i, 'options',
              jsonb_build_object('whatsapp', jsonb_build_object('recipients', jsonb_build_array($6::text)))),
            g.scheduled_at
     FROM g JOIN s USING (i)`,
    [env.workspaceId, start, rate, env.accountIds, n, recipient],
  )
  while ((await publishedCount(env)) < n) await sleep(200)
  await stopWorkers(children)
  const lateness = await latenessMs(env)
  log(`${n} targets at ${rate}/s over ${seconds} s: ${lateness.length} published`)
  return { p50: percentile(lateness, 50), p99: percentile(lateness, 99), n, rate }
}

/** Bytes Redis holds under the prefix (MEMORY USAGE of each key): the shared Redis's other users excluded. */
async function prefixBytes(env: Env): Promise<number> {
  let total = 0
  let cursor = '0'
  do {
    const [next, keys] = await env.redis.scan(cursor, 'MATCH', `${env.prefix}:*`, 'COUNT', 1_000)
    for (const key of keys) total += Number((await env.redis.memory('USAGE', key)) ?? 0)
    cursor = next
  } while (cursor !== '0')
  return total
}

async function scale(env: Env, total: number, log: BenchContext['log']) {
  await resetTargets(env)
  const queues = createQueues({ connection: env.redis, prefix: env.prefix })
  const dispatcher = createDispatcher({ db: env.testDb.db, queue: queues.publish })
  await dispatcher.tick()
  const before = await prefixBytes(env)
  const perRound = env.accountIds.length
  const rounds = Math.ceil(total / perRound)
  // Over the next 30 days, none within the dispatcher's horizon.
  const day = 24 * 3_600_000
  const started = Date.now()
  await env.sql.query(
    `WITH g AS (
       INSERT INTO post_groups (workspace_id, content, scheduled_at, status)
       SELECT $1::uuid, '{"text":"far"}'::jsonb, now() + interval '1 hour' + (random() * interval '30 days'), 'scheduled'
       FROM generate_series(1, $2) RETURNING id, scheduled_at)
     INSERT INTO social_posts (group_id, account_id, status, content, scheduled_at)
     SELECT g.id, a.id, 'SCHEDULED', '{"text":"far"}'::jsonb, g.scheduled_at
     FROM g CROSS JOIN unnest($3::uuid[]) AS a(id)`,
    [env.workspaceId, rounds, env.accountIds],
  )
  await env.sql.query('ANALYZE social_posts')
  log(
    `${rounds * perRound} far-future targets inserted in ${((Date.now() - started) / 1_000).toFixed(1)} s (over ${(30 * day) / day} days)`,
  )
  const ticks: number[] = []
  for (let i = 0; i < 7; i++) ticks.push((await dispatcher.tick()).durationMs)
  const after = await prefixBytes(env)
  await closeQueues(queues)
  ticks.sort((a, b) => a - b)
  return { before, after, tickMs: percentile(ticks, 50), targets: rounds * perRound }
}

export const engine: Bench = {
  name: 'engine',
  description:
    'publishing engine: throughput vs raw BullMQ, punctuality of a same-second burst and at a steady rate, Redis cost of far-future targets, one worker vs two',
  async run({ quick, log }): Promise<BenchResult[]> {
    const accounts = Number(process.env.BENCH_ACCOUNTS ?? (quick ? 100 : 1_000))
    const env = await setUp(accounts)
    try {
      const raw = await rawBullmq(env, quick ? 5_000 : 30_000)
      log(`raw BullMQ no-op: ${raw.toFixed(0)} jobs/s`)
      const roundsThroughput = Number(process.env.BENCH_ROUNDS ?? 4)
      const one = await engineThroughput(env, 1, roundsThroughput, log)
      if (process.env.BENCH_ONLY === 'throughput')
        return [result('engine throughput, 1 worker process', one, 'targets/s', raw)]
      const two = await engineThroughput(env, 2, roundsThroughput, log)
      const burst = await punctuality(env, 10, log)
      const steady = await steadyPunctuality(env, 10, quick ? 15 : 60, log)
      const far = await scale(env, quick ? 20_000 : 1_000_000, log)
      return [
        result('raw BullMQ no-op throughput', raw, 'jobs/s'),
        result('engine throughput, 1 worker process', one, 'targets/s', raw),
        result('engine throughput, 2 worker processes', two, 'targets/s', one),
        result(`punctuality p50 (${burst.n} due in one second)`, burst.p50, 'ms'),
        result(`punctuality p99 (${burst.n} due in one second)`, burst.p99, 'ms'),
        result(`punctuality p50 (steady ${steady.rate} targets/s)`, steady.p50, 'ms'),
        result(`punctuality p99 (steady ${steady.rate} targets/s)`, steady.p99, 'ms'),
        result(
          `Redis bytes under the prefix before ${far.targets} far-future targets`,
          far.before,
          'bytes',
        ),
        result(
          `Redis bytes under the prefix after ${far.targets} far-future targets`,
          far.after,
          'bytes',
          far.before,
        ),
        result(
          `dispatcher tick with ${far.targets} far-future targets (median of 7)`,
          far.tickMs,
          'ms',
        ),
      ]
    } finally {
      await env.close()
    }
  },
}
