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
