/**
 * `pnpm bench api [--quick]`: the REST API under autocannon, beside a hello-world Fastify route
 * measured in the same run on the same machine, so the ratio means something across machines.
 * - schedule: `POST /v1/posts` scheduling one post to 3 accounts (a transaction of 1 group,
 *   3 targets and 3 audit rows per request);
 * - list: `GET /v1/posts?limit=50`, the newest page of a workspace holding 100,000 posts.
 * Real PostgreSQL and Redis; a database of its own, dropped at the end.
 */
import { loadavg } from 'node:os'
import autocannon from 'autocannon'
import Fastify from 'fastify'
import pg from 'pg'
import { startBenchApi } from './api-app.js'
import { result, type Bench, type BenchContext, type BenchResult } from './lib.js'

const CONNECTIONS = 50

interface Measured {
  requestsPerSecond: number
  p99: number
  errors: number
  non2xx: number
}

async function measure(options: autocannon.Options): Promise<Measured> {
  const result = await autocannon({ connections: CONNECTIONS, ...options })
  return {
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }
}

async function helloWorld(duration: number): Promise<Measured> {
  const app = Fastify()
  app.get('/', async () => ({ hello: 'world' }))
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  try {
    return await measure({ url, duration })
  } finally {
    await app.close()
  }
}

/** 100,000 posts (one target each) in one statement, newest last, spread over a year. */
async function seedPosts(
  databaseUrl: string,
  workspaceId: string,
  accountId: string,
  count: number,
) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query(
      `WITH g AS (
         INSERT INTO post_groups (id, workspace_id, content, scheduled_at, created_at, updated_at)
         SELECT gen_random_uuid(), $1::uuid, jsonb_build_object('text', 'Post number ' || n),
                now() - (n || ' minutes')::interval, now() - (n || ' minutes')::interval, now()
         FROM generate_series(1, $3::int) AS n
         RETURNING id, content, scheduled_at
       )
       INSERT INTO social_posts (id, group_id, account_id, status, content, scheduled_at, updated_at)
       SELECT gen_random_uuid(), g.id, $2::uuid, 'PUBLISHED', g.content, g.scheduled_at, now() FROM g`,
      [workspaceId, accountId, count],
    )
    await client.query('ANALYZE post_groups; ANALYZE social_posts')
  } finally {
    await client.end()
  }
}

/**
 * The database's own pace for what one schedule request writes (a group, 3 targets, 3 audit rows
 * in one transaction) with the API's pool size: the floor the API cannot beat on this machine.
 */
async function commitBaseline(
  databaseUrl: string,
  workspaceId: string,
  accountIds: string[],
  seconds: number,
) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 })
  const latencies: number[] = []
  const until = Date.now() + seconds * 1000
  const loop = async () => {
    while (Date.now() < until) {
      const started = performance.now()
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const group = await client.query(
          `INSERT INTO post_groups (workspace_id, content, updated_at) VALUES ($1, '{"text":"baseline"}', now()) RETURNING id`,
          [workspaceId],
        )
        const targets = await client.query(
          `INSERT INTO social_posts (group_id, account_id, status, content, updated_at)
           SELECT $1, unnest($2::uuid[]), 'DRAFT', '{"text":"baseline"}', now() RETURNING id`,
          [group.rows[0].id, accountIds],
        )
        await client.query(
          `INSERT INTO post_status_changes (post_id, to_status, reason, actor)
           SELECT unnest($1::uuid[]), 'DRAFT', 'created', 'bench'`,
          [targets.rows.map((r: { id: string }) => r.id)],
        )
        await client.query('COMMIT')
      } finally {
        client.release()
      }
      latencies.push(performance.now() - started)
    }
  }
  await Promise.all(Array.from({ length: CONNECTIONS }, loop))
  await pool.end()
  latencies.sort((a, b) => a - b)
  return {
    requestsPerSecond: latencies.length / seconds,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  }
}

async function run({ quick, log }: BenchContext): Promise<BenchResult[]> {
  const duration = quick ? 3 : 10
  const postCount = quick ? 10_000 : 100_000
  console.log(
    `api bench: ${duration} s per run, ${CONNECTIONS} connections, ${postCount} posts${quick ? ' (quick)' : ''}`,
  )

  const { testDb: t, db, app, close } = await startBenchApi('api')
  try {
    const owner = await db.users.createUser({ email: 'bench@example.com' })
    const schedulingWs = await db.workspaces.createWorkspace({
      name: 'bench',
      ownerUserId: owner.id,
    })
    const listingWs = await db.workspaces.createWorkspace({
      name: 'bench list',
      ownerUserId: owner.id,
    })
    const connect = (workspaceId: string, externalAccountId: string) =>
      db.accounts.connectAccount(workspaceId, {
        platform: 'telegram',
        externalAccountId,
        displayName: externalAccountId,
        tokens: { accessToken: `bench-${externalAccountId}` },
      })
    const accounts = await Promise.all(['@a', '@b', '@c'].map((id) => connect(schedulingWs.id, id)))
    const listAccount = await connect(listingWs.id, '@list')
    const scheduleKey = (
      await db.apiKeys.createApiKey({ workspaceId: schedulingWs.id, name: 'bench', role: 'editor' })
    ).plaintext
    const listKey = (
      await db.apiKeys.createApiKey({ workspaceId: listingWs.id, name: 'bench', role: 'viewer' })
    ).plaintext
    const seeded = Date.now()
    await seedPosts(t.databaseUrl, listingWs.id, listAccount.id, postCount)
    console.log(`seeded ${postCount} posts in ${Date.now() - seeded} ms`)

    const url = await app.listen({ port: 0, host: '127.0.0.1' })
    const body = JSON.stringify({
      content: { text: 'Benchmark post to three channels' },
      targets: accounts.map((a) => ({ accountId: a.id })),
      schedule: { type: 'at', at: new Date(Date.now() + 86_400_000).toISOString() },
    })
    // Warm-up: connection pools, JIT, the query plans.
    await measure({
      url: `${url}/v1/posts?limit=50`,
      duration: 1,
      headers: { authorization: `Bearer ${listKey}` },
    })

    const hello = await helloWorld(duration)
    const baseline = await commitBaseline(
      t.databaseUrl,
      listingWs.id,
      accounts.map((a) => a.id),
      duration,
    )
    const schedule = await measure({
      url: `${url}/v1/posts`,
      method: 'POST',
      duration,
      headers: { authorization: `Bearer ${scheduleKey}`, 'content-type': 'application/json' },
      body,
    })
    const list = await measure({
      url: `${url}/v1/posts?limit=50`,
      duration,
      headers: { authorization: `Bearer ${listKey}` },
    })
    for (const [name, m] of [
      ['schedule', schedule],
      ['list', list],
      ['hello', hello],
    ] as const) {
      if (m.errors || m.non2xx)
        console.warn(`${name}: ${m.errors} errors, ${m.non2xx} non-2xx answers`)
    }

    const entries: BenchResult[] = [
      result('hello-world req/s', hello.requestsPerSecond, 'req/s', null),
      result('hello-world p99', hello.p99, 'ms', null),
      result(
        'POST /v1/posts (3 accounts) req/s',
        schedule.requestsPerSecond,
        'req/s',
        hello.requestsPerSecond,
      ),
      result('POST /v1/posts (3 accounts) p99', schedule.p99, 'ms', hello.p99),
      result(
        'raw PostgreSQL, same writes, pool of 10: tx/s',
        baseline.requestsPerSecond,
        'tx/s',
        null,
      ),
      result('raw PostgreSQL, same writes: p99', baseline.p99, 'ms', null),
      result(
        'POST /v1/posts req/s vs raw PostgreSQL tx/s',
        schedule.requestsPerSecond,
        'req/s',
        baseline.requestsPerSecond,
      ),
      result(
        `GET /v1/posts page of 50 of ${postCount} req/s`,
        list.requestsPerSecond,
        'req/s',
        hello.requestsPerSecond,
      ),
      result(`GET /v1/posts page of 50 of ${postCount} p99`, list.p99, 'ms', hello.p99),
    ]
    // Other processes on the machine skew every figure; the ratio to hello-world less so.
    log(
      `load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(
          ' ',
        )}, errors: schedule ${schedule.errors + schedule.non2xx}, list ${list.errors + list.non2xx}`,
    )
    return entries
  } finally {
    await close()
  }
}

export const api: Bench = {
  name: 'api',
  description:
    'POST /v1/posts to 3 accounts and GET /v1/posts (a page of 50 of 100,000) under autocannon at 50 connections, beside hello-world Fastify',
  run,
}
