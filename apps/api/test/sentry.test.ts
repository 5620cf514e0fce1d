import * as Sentry from '@sentry/node'
import { createTestDatabase } from '@statex/db/testing'
import { buildProviderRegistry, loadPlatformConfig } from '@statex/providers'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { ApiError } from '../src/errors.js'
import { connectRedis } from './support.js'
import { testQueues } from './support.js'

// Sentry is process-global, hence a file of its own. Events are caught in beforeSend and dropped,
// so nothing leaves the machine.
const events: Sentry.ErrorEvent[] = []
let testDb: Awaited<ReturnType<typeof createTestDatabase>>
let redis: Redis
let tq: Awaited<ReturnType<typeof testQueues>>

beforeAll(async () => {
  Sentry.init({
    dsn: 'https://public@sentry.invalid/1',
    defaultIntegrations: false,
    beforeSend: (event) => {
      events.push(event)
      return null
    },
  })
  testDb = await createTestDatabase()
  redis = await connectRedis()
  tq = await testQueues('sentry')
})
afterAll(async () => {
  redis.disconnect()
  await tq.close()
  await testDb.drop()
  await Sentry.close(100)
})

it('reports unknown errors to Sentry and client errors not at all', async () => {
  const app = await buildApp({
    config: { logLevel: 'silent' },
    db: testDb.db,
    redis,
    queues: tq.queues,
    providers: buildProviderRegistry(loadPlatformConfig({})),
  })
  app.get('/test/boom', async () => {
    throw new Error('unexpected failure')
  })
  app.get('/test/missing', async () => {
    throw new ApiError('NOT_FOUND')
  })
  expect((await app.inject({ method: 'GET', url: '/test/missing' })).statusCode).toBe(404)
  const response = await app.inject({ method: 'GET', url: '/test/boom' })
  await Sentry.flush(1000)
  await app.close()

  expect(response.statusCode).toBe(500)
  expect(events).toHaveLength(1)
  expect(events[0]!.exception?.values?.[0]?.value).toBe('unexpected failure')
  expect(events[0]!.tags?.requestId).toBe(response.json().error.details.requestId)
  expect(events[0]!.tags?.route).toBe('/test/boom')
})
