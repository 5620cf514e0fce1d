import { createTestDatabase } from '@statex/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { startApi } from '../src/start.js'
import { REDIS_URL, TEST_ENCRYPTION_KEYS, unusedPort } from './support.js'

let testDb: Awaited<ReturnType<typeof createTestDatabase>>

beforeAll(async () => {
  testDb = await createTestDatabase()
})
afterAll(async () => {
  await testDb.drop()
})

const env = (extra: Record<string, string> = {}) =>
  loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: testDb.databaseUrl,
    REDIS_URL,
    STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    LOG_LEVEL: 'silent',
    ...extra,
  })

describe('startApi', () => {
  it('listens, answers over real HTTP, and stops', async () => {
    const api = await startApi({ config: env() })
    const response = await fetch(`${api.url}/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      status: 'ok',
      checks: { database: 'ok', redis: 'ok' },
    })
    await api.stop()
    await expect(fetch(`${api.url}/health`)).rejects.toThrow()
  })

  it('starts while Redis is down and says so on /health', async () => {
    const api = await startApi({
      config: env({ REDIS_URL: `redis://127.0.0.1:${await unusedPort()}` }),
    })
    const response = await fetch(`${api.url}/health`)
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ checks: { database: 'ok', redis: 'failed' } })
    await api.stop()
  })
})
