import { parseEncryptionKeys, createDb } from '@statex/db'
import { QUEUE_NAMES, type Queues } from '@statex/jobs'
import { buildProviderRegistry, loadPlatformConfig } from '@statex/providers'
import { Redis } from 'ioredis'
import { buildApp } from './app.js'

/**
 * The OpenAPI document, built from the routes without any service running: the database pool
 * and Redis clients are created but never connect. The typed client (`@statex/api-client`) is
 * generated from this, and a test fails when the committed copy differs.
 */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const db = createDb({
    databaseUrl: 'postgresql://nobody@127.0.0.1:1/none',
    keyring: parseEncryptionKeys(`doc:${Buffer.alloc(32).toString('base64')}`),
  })
  const redis = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false })
  // No request is ever served, so no job is added: a BullMQ Queue would open a connection at
  // construction, which is all this must avoid.
  const queues = Object.fromEntries(QUEUE_NAMES.map((name) => [name, null])) as unknown as Queues
  // Every platform the registry knows, so their routes' enums are complete.
  const providers = buildProviderRegistry(
    loadPlatformConfig({ STATEX_SANDBOX_URL: 'http://127.0.0.1:1' }),
  )
  const app = await buildApp({
    config: { logLevel: 'silent', publicUrl: 'http://localhost:4000' },
    db,
    redis,
    providers,
    queues,
  })
  try {
    await app.ready()
    return app.swagger() as unknown as Record<string, unknown>
  } finally {
    await app.close()
    redis.disconnect()
    await db.close()
  }
}
