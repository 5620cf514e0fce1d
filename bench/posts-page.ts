/**
 * `pnpm bench posts-page [--quick]`: the posts page's server side over a workspace of 10,000
 * posts (quick too: the issue names 10,000; quick makes fewer requests), the built API and the
 * built dashboard (`next start`) as child processes, as the e2e test runs them, signed in as a
 * person is. p50/p95 of requests one after another (what one person's page load waits for),
 * beside a primary-key lookup in PostgreSQL and the API's /health in the same run.
 */
import { randomBytes } from 'node:crypto'
import { cpus, loadavg } from 'node:os'
import pg from 'pg'
import { startApi, sharedEnv } from '../apps/web/test/support/built-api.js'
import { startApp } from '../apps/web/test/support/next-server.js'
import { freePort, type Service } from '../apps/web/test/support/processes.js'
import type { Platform } from '../packages/core/src/index.js'
import { createDb } from '../packages/db/src/index.js'
import { createTestDatabase } from '../packages/db/src/testing.js'
import { connectRedis, deletePrefix } from '../packages/jobs/src/testing.js'
import {
  percentile,
  result,
  timed,
  type Bench,
  type BenchContext,
  type BenchResult,
} from './lib.js'
import { SEARCH_WORD, seedPosts } from './posts-page-seed.js'

const POSTS = 10_000
const PLATFORMS: Platform[] = ['twitter', 'linkedin', 'facebook', 'instagram', 'telegram']
const PASSWORD = 'bench-posts-page-password'
// Exactly what the posts page asks for on first load (usePostPages: 25 a page, no filter) and
// with its search box and status filter set (listQuery's order: limit, status, q).
const FIRST_PAGE = '/v1/posts?limit=25'
const SEARCH = `/v1/posts?limit=25&status=FAILED&q=${SEARCH_WORD}`

/**
 * Signs in through the dashboard as the sign-in form does (next-auth's credentials callback
 * with its CSRF token) and returns the cookies a browser would then send, and the session token.
 */
async function signIn(webUrl: string, email: string): Promise<{ cookie: string; token: string }> {
  const csrf = await fetch(`${webUrl}/api/auth/csrf`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const jar = new Map<string, string>()
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      jar.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
  }
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  keep(csrf)
  const answer = await fetch(`${webUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: 'true' }),
    redirect: 'manual',
  })
  keep(answer)
  const token = jar.get('next-auth.session-token')
  if (!token) throw new Error(`signing in failed: ${answer.status} ${await answer.text()}`)
  return { cookie: header(), token }
}

/** A GET that must answer 200; the body is read whole, as a browser would. */
async function get(url: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { headers, redirect: 'manual' })
  const body = await response.text()
  if (response.status !== 200)
    throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 300)}`)
  return body
}

async function run({ quick, log }: BenchContext): Promise<BenchResult[]> {
  const requests = quick ? 40 : 300
  const warmUp = quick ? 10 : 30
  const database = await createTestDatabase()
  const queuePrefix = `bench-posts-page-${process.pid}`
  const services: Service[] = []
  const client = new pg.Client({ connectionString: database.databaseUrl })
  try {
    const db = createDb({ databaseUrl: database.databaseUrl, keyring: database.keyring })
    const { user, workspace } = await db.seedDemo({ password: PASSWORD })
    const accounts = []
    for (const [i, platform] of PLATFORMS.entries()) {
      const account = await db.accounts.connectAccount(workspace.id, {
        platform,
        externalAccountId: `bench-${i}`,
        displayName: `Bench ${platform}`,
        tokens: { accessToken: `bench-token-${i}` },
      })
      accounts.push({ id: account.id, platform })
    }
    await db.close()
    const seedStarted = Date.now()
    const seeded = await seedPosts({
      databaseUrl: database.databaseUrl,
      workspaceId: workspace.id,
      userId: user.id,
      accounts,
      posts: POSTS,
      now: new Date(),
    })
    const seedMs = Date.now() - seedStarted
    log(
      `seeded ${POSTS} posts, ${seeded.targets} targets by COPY in ${(seedMs / 1000).toFixed(1)} s`,
    )

    const [apiPort, webPort] = [await freePort(), await freePort()]
    const apiUrl = `http://127.0.0.1:${apiPort}`
    const webUrl = `http://127.0.0.1:${webPort}`
    const nextauthSecret = randomBytes(32).toString('base64')
    // No platform is reachable: nothing here publishes.
    const shared = sharedEnv({ database, queuePrefix, sandboxUrl: 'http://127.0.0.1:9' })
    services.push(
      await startApi({
        shared,
        port: apiPort,
        nextauthSecret,
        env: { API_RATE_LIMIT_PER_MINUTE: '100000000' },
      }),
    )
    services.push(
      await startApp(
        () => ({ NEXTAUTH_SECRET: nextauthSecret, NEXTAUTH_URL: webUrl, STATEX_API_URL: apiUrl }),
        webPort,
      ),
    )
    const { cookie, token } = await signIn(webUrl, user.email)
    const asBrowser = { cookie }
    const bearer = { authorization: `Bearer ${token}` }

    // What each figure reads, checked once, so a figure never times an error page.
    const html = await get(`${webUrl}/posts`, asBrowser)
    if (!html.includes('Loading posts')) throw new Error('GET /posts did not render the posts page')
    const first = JSON.parse(await get(`${webUrl}/api${FIRST_PAGE}`, asBrowser)) as {
      data: { targets: unknown[] }[]
      nextCursor: string | null
    }
    const found = JSON.parse(await get(`${webUrl}/api${SEARCH}`, asBrowser)) as {
      data: { content: { text: string }; targets: { status: string }[] }[]
    }
    if (first.data.length !== 25 || !first.nextCursor)
      throw new Error(`the first page had ${first.data.length} posts and no cursor`)
    if (
      found.data.length === 0 ||
      found.data.some(
        (p) =>
          !p.content.text.includes(SEARCH_WORD) || !p.targets.some((t) => t.status === 'FAILED'),
      )
    )
      throw new Error(
        `the search answered ${found.data.length} posts, not only failed ${SEARCH_WORD} ones`,
      )
    log(
      `first page: 25 posts, ${first.data.reduce((n, p) => n + p.targets.length, 0)} targets, ${html.length} bytes of HTML; search: ${found.data.length} posts`,
    )

    await client.connect()
    const ids = (
      await client.query<{ id: string }>('SELECT id FROM social_posts ORDER BY random() LIMIT 1000')
    ).rows.map((r) => r.id)
    let n = 0
    const figures = {
      pk: async () => {
        await client.query('SELECT * FROM social_posts WHERE id = $1', [ids[n++ % ids.length]])
      },
      health: async () => void (await get(`${apiUrl}/health`, {})),
      page: async () => void (await get(`${webUrl}/posts`, asBrowser)),
      proxied: async () => void (await get(`${webUrl}/api${FIRST_PAGE}`, asBrowser)),
      direct: async () => void (await get(`${apiUrl}${FIRST_PAGE}`, bearer)),
      search: async () => void (await get(`${webUrl}/api${SEARCH}`, asBrowser)),
    }
    // Warm-up: pools, JIT, Next's route modules, query plans, the pages the queries read.
    for (const once of Object.values(figures)) await timed(warmUp, once)
    const t: Record<keyof typeof figures, number[]> = {
      pk: [],
      health: [],
      page: [],
      proxied: [],
      direct: [],
      search: [],
    }
    for (const [name, once] of Object.entries(figures))
      t[name as keyof typeof figures] = await timed(requests, once)
    // Other processes on the machine skew every figure; the ratio to the baseline less so.
    log(
      `${requests} requests each; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    )
    const p = (name: keyof typeof figures, q: 50 | 95) => percentile(t[name], q)
    const pair = (label: string, name: keyof typeof figures) => [
      result(`${label} p50`, p(name, 50), 'ms', p('pk', 50)),
      result(`${label} p95`, p(name, 95), 'ms', p('pk', 95)),
    ]
    return [
      result('posts seeded', POSTS, 'posts'),
      result('targets seeded', seeded.targets, 'targets'),
      result('seed by COPY', seedMs / 1000, 's'),
      result('primary-key lookup p50', p('pk', 50), 'ms'),
      result('primary-key lookup p95', p('pk', 95), 'ms'),
      ...pair('API GET /health', 'health'),
      ...pair('GET /posts (HTML, signed in)', 'page'),
      ...pair(`GET /api${FIRST_PAGE} through the dashboard`, 'proxied'),
      ...pair(`GET ${FIRST_PAGE} straight from the API`, 'direct'),
      ...pair(`GET /api${SEARCH} through the dashboard`, 'search'),
    ]
  } finally {
    await client.end().catch(() => undefined)
    for (const service of services.reverse()) await service.stop()
    const redis = connectRedis()
    await deletePrefix(redis, queuePrefix).finally(() => redis.quit())
    await database.drop()
  }
}

export const postsPage: Bench = {
  name: 'posts-page',
  description:
    'the posts page over 10,000 posts: its HTML, its first page of posts through the dashboard and straight from the API, and a search with a status filter, p50/p95 beside a primary-key lookup',
  run,
}
