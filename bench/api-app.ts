import { Redis } from 'ioredis'
import { buildApp } from '../apps/api/src/app.js'
import { createDb } from '../packages/db/src/index.js'
import { createTestDatabase } from '../packages/db/src/testing.js'
import { closeQueues, createQueues } from '../packages/jobs/src/index.js'
import { buildProviderRegistry, loadPlatformConfig } from '../packages/providers/src/index.js'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/**
 * The real API on a database of its own, as the API benches drive it: the production pool size
 * (createDb's default, not the test helper's small one), real Redis and queues under a prefix of
 * the bench's own, the rate limit out of the way, and no platform reachable (nothing publishes).
 */
export async function startBenchApi(name: string) {
  const testDb = await createTestDatabase()
  const db = createDb({ databaseUrl: testDb.databaseUrl, keyring: testDb.keyring })
  const redis = new Redis(REDIS_URL, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
  })
  await redis.connect()
  const queueRedis = new Redis(REDIS_URL, { maxRetriesPerRequest: null })
  const prefix = `bench-${name}-${process.pid}`
  const queues = createQueues({ connection: queueRedis, prefix })
  const providers = buildProviderRegistry(
    loadPlatformConfig({ STATEX_SANDBOX_URL: 'http://127.0.0.1:9' }),
  )
  const app = await buildApp({
    config: { logLevel: 'warn', queuePrefix: prefix, rateLimitPerMinute: 100_000_000 },
    db,
    redis,
    providers,
    queues,
  })
  return {
    testDb,
    db,
    app,
    async close() {
      await app.close()
      await db.close()
      await closeQueues(queues)
      queueRedis.disconnect()
      redis.disconnect()
      await testDb.drop()
    },
  }
}
