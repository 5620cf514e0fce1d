import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import { parseEncryptionKeys } from '@statex/db'
import { createTestDatabase, type TestDatabase } from '@statex/db/testing'
import { connectRedis, deletePrefix, REDIS_URL, uniquePrefix } from '@statex/jobs/testing'
import { createTelegramSimulator, type TelegramSimulator } from '@statex/telegram/testing'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { exited, spawnWorker, startPrefixProxy } from './support.js'

// The worker as a process (dist/main.js): job failures reach Sentry with their tags (a local
// endpoint stands in for sentry.io), and SIGTERM lets the publish in flight finish before exit.

const KEYS = `proc:${Buffer.alloc(32, 3).toString('base64')}`
const prefix = uniquePrefix('process')
const redis = connectRedis()
let testDb: TestDatabase
let sim: TelegramSimulator
let proxy: Awaited<ReturnType<typeof startPrefixProxy>>
let sentry: Server
const envelopes: string[] = []

beforeAll(async () => {
  testDb = await createTestDatabase({ keyring: parseEncryptionKeys(KEYS) })
  sim = await createTelegramSimulator()
  proxy = await startPrefixProxy({ telegram: sim.baseUrl })
  sentry = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      envelopes.push(
        req.headers['content-encoding'] === 'gzip' ? gunzipSync(body).toString() : body.toString(),
      )
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => sentry.listen(0, '127.0.0.1', resolve))
}, 60_000)

afterAll(async () => {
  await new Promise((resolve) => sentry.close(resolve))
  await proxy.close()
  await sim.close()
  await deletePrefix(redis, prefix)
  await redis.quit()
  await testDb.drop()
})

function worker() {
  const { port } = sentry.address() as AddressInfo
  return spawnWorker({
    DATABASE_URL: testDb.databaseUrl,
    REDIS_URL,
    STATEX_ENCRYPTION_KEYS: KEYS,
    STATEX_SANDBOX_URL: proxy.url,
    QUEUE_PREFIX: prefix,
    DISPATCH_INTERVAL_MS: '300',
    SENTRY_DSN: `http://publickey@127.0.0.1:${port}/42`,
    LOG_LEVEL: 'warn',
  })
}

async function account(name: string) {
  const { db } = testDb
  const user = await db.users.createUser({ email: `${name}-${prefix}@example.test` })
  const workspace = await db.workspaces.createWorkspace({ name, ownerUserId: user.id })
  const auth = sim.createAccount({ name })
  const connected = await db.accounts.connectAccount(workspace.id, {
    platform: 'telegram',
    externalAccountId: auth.externalAccountId,
    displayName: name,
    tokens: { accessToken: auth.accessToken },
  })
  return { workspaceId: workspace.id, accountId: connected.id, auth }
}

async function schedule(a: { workspaceId: string; accountId: string }, text: string) {
  const group = await testDb.db.posts.createPostGroup({
    workspaceId: a.workspaceId,
    content: { text },
    targets: [{ accountId: a.accountId }],
    scheduledAt: new Date(Date.now() - 100),
    actor: 'user:test',
  })
  return group.targets[0]!
}

describe('the worker process', () => {
  it('sends a failed job to Sentry with queue, platform and account tags', async () => {
    const revoked = await account('revoked')
    sim.revokeToken(revoked.auth.accessToken)
    const child = worker()
    try {
      const target = await schedule(revoked, 'to a revoked bot')
      await vi.waitFor(
        () => {
          const event = envelopes.find((e) => e.includes(target.id))
          expect(event).toBeDefined()
          expect(event).toContain('"queue":"publish"')
          expect(event).toContain('"platform":"telegram"')
          expect(event).toContain(`"account":"${revoked.accountId}"`)
          expect(event).not.toContain(revoked.auth.accessToken)
        },
        { timeout: 30_000, interval: 100 },
      )
    } finally {
      child.kill('SIGTERM')
      await exited(child)
    }
  })

  it('drains on SIGTERM: the publish in flight finishes, then the process exits 0', async () => {
    const slow = await account('slow')
    // The platform takes its time; SIGTERM arrives while the request is open.
    sim.injectFault({ type: 'slow', delayMs: 1_500 }, { match: { path: slow.auth.accessToken } })
    const child = worker()
    const target = await schedule(slow, 'in flight at SIGTERM')
    await vi.waitFor(
      () => expect(sim.requests.some((r) => r.path.includes(slow.auth.accessToken))).toBe(true),
      { timeout: 30_000, interval: 20 },
    )
    child.kill('SIGTERM')
    await exited(child)
    expect(child.exitCode).toBe(0)
    const post = await testDb.db.posts.getPost(target.id)
    expect(post?.status).toBe('PUBLISHED')
    expect(sim.countPosts(slow.auth)).toBe(1)
  })
})
