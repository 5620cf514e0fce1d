import { buildProviderRegistry, loadPlatformConfig } from '@statex/providers'
import { createDb } from '@statex/db'
import { createTestDatabase } from '@statex/db/testing'
import type { FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { Redis as RedisClient } from 'ioredis'
import {
  connectRedis,
  silentServer,
  TEST_ENCRYPTION_KEYS,
  unreachableRedis,
  unusedPort,
} from './support.js'
import { testQueues } from './support.js'

const config = loadConfig({ STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS, LOG_LEVEL: 'silent' })
const providers = buildProviderRegistry(
  loadPlatformConfig({ TELEGRAM_WEBHOOK_SECRET: 'tg-secret' }),
)

describe('GET /health', () => {
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>
  let redis: Redis
  let tq: Awaited<ReturnType<typeof testQueues>>
  const cleanups: (() => Promise<unknown>)[] = []

  beforeAll(async () => {
    testDb = await createTestDatabase()
    redis = await connectRedis()
    tq = await testQueues('health')
    // As main.ts does: the pool's first connection is paid before the first health check.
    await testDb.db.ping()
  })
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
    redis.disconnect()
    await tq.close()
    await testDb.drop()
  })

  async function app(deps: Partial<Parameters<typeof buildApp>[0]> = {}): Promise<FastifyInstance> {
    // Generous so a loaded machine cannot turn "ok" into "timeout"; the timeout case sets its own.
    const built = await buildApp({
      config,
      db: testDb.db,
      redis,
      providers,
      queues: tq.queues,
      healthCheckTimeoutMs: 15_000,
      ...deps,
    })
    cleanups.push(() => built.close())
    return built
  }

  it('reports whether a worker beats and how many targets are overdue', async () => {
    const prefix = `test-health-${process.pid}-${Date.now()}`
    const first = await (
      await app({ config: { ...config, queuePrefix: prefix } })
    ).inject({ method: 'GET', url: '/health' })
    expect(first.json().publishing).toEqual({
      workers: 0,
      heartbeat: 'none',
      lastBeatAt: null,
      overdueTargets: 0,
    })
    const at = new Date().toISOString()
    await redis.set(`${prefix}:worker:heartbeat:w1`, JSON.stringify({ at }), 'PX', 15_000)
    cleanups.push(() => redis.del(`${prefix}:worker:heartbeat:w1`))
    const user = await testDb.db.users.createUser({ email: `${prefix}@example.test` })
    const workspace = await testDb.db.workspaces.createWorkspace({
      name: prefix,
      ownerUserId: user.id,
    })
    const account = await testDb.db.accounts.connectAccount(workspace.id, {
      platform: 'telegram',
      externalAccountId: '-100123',
      displayName: 'Overdue',
      tokens: { accessToken: 'token' },
    })
    await testDb.db.posts.createPostGroup({
      workspaceId: workspace.id,
      content: { text: 'late' },
      targets: [{ accountId: account.id }],
      scheduledAt: new Date(Date.now() - 5 * 60_000),
      actor: 'user:test',
    })
    const second = await (
      await app({ config: { ...config, queuePrefix: prefix } })
    ).inject({ method: 'GET', url: '/health' })
    expect(second.statusCode).toBe(200)
    expect(second.json().publishing).toEqual({
      workers: 1,
      heartbeat: 'fresh',
      lastBeatAt: at,
      overdueTargets: 1,
    })
  })

  it('answers 200 when PostgreSQL and Redis answer, with the platforms this deployment runs', async () => {
    const response = await (await app()).inject({ method: 'GET', url: '/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      status: 'ok',
      checks: { database: 'ok', redis: 'ok' },
      platforms: {
        registered: ['telegram'],
        skipped: expect.arrayContaining([
          { platform: 'whatsapp', reason: expect.stringContaining('WHATSAPP_APP_SECRET') },
          { platform: 'linkedin', reason: expect.stringContaining('LINKEDIN_CLIENT_ID') },
        ]),
      },
      publishing: expect.objectContaining({ heartbeat: expect.any(String) }),
    })
  })

  it('answers 503 naming Redis when Redis cannot be reached', async () => {
    const down = await unreachableRedis()
    cleanups.push(async () => down.disconnect())
    const response = await (await app({ redis: down })).inject({ method: 'GET', url: '/health' })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toMatchObject({
      status: 'unavailable',
      checks: { database: 'ok', redis: 'failed' },
    })
  })

  it('answers 503 naming the database when PostgreSQL cannot be reached', async () => {
    const db = await createDb({
      databaseUrl: `postgresql://postgres@127.0.0.1:${await unusedPort()}/statex`,
      keyring: config.keyring,
    })
    cleanups.push(() => db.close())
    const response = await (await app({ db })).inject({ method: 'GET', url: '/health' })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toMatchObject({
      status: 'unavailable',
      checks: { database: 'failed', redis: 'ok' },
    })
    expect(response.body).not.toContain('ECONNREFUSED')
  })

  it('answers 503 with "timeout" when Redis accepts the connection but never answers', async () => {
    const server = await silentServer()
    const hanging = new RedisClient({
      host: '127.0.0.1',
      port: server.port,
      lazyConnect: true,
      maxRetriesPerRequest: 1,
    })
    hanging.on('error', () => {})
    cleanups.push(async () => {
      hanging.disconnect()
      await server.close()
    })
    // No await on connect: ioredis waits for the server's greeting, which never comes; PING queues.
    void hanging.connect().catch(() => undefined)
    const response = await (
      await app({ redis: hanging, healthCheckTimeoutMs: 300 })
    ).inject({ method: 'GET', url: '/health' })
    expect(response.statusCode).toBe(503)
    // Only Redis is asserted: the same short limit applies to the database ping, which a loaded
    // CI machine may not answer in time; the database outcome is covered by the tests above.
    expect(response.json()).toMatchObject({ status: 'unavailable', checks: { redis: 'timeout' } })
  })
})
