import { Writable } from 'node:stream'
import { createTestDatabase } from '@statex/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import type { HeartbeatRecord } from '../src/heartbeat.js'
import { createLogger } from '@statex/runtime'
import { QUEUE_NAMES } from '@statex/jobs'
import { startWorker } from '../src/start.js'
import {
  connectRedis,
  deletePrefix,
  REDIS_URL,
  TEST_ENCRYPTION_KEYS,
  uniquePrefix,
} from './support.js'

const prefix = uniquePrefix('start')
const redis = connectRedis()
let testDb: Awaited<ReturnType<typeof createTestDatabase>>
const lines: Record<string, unknown>[] = []
const log = createLogger(
  'worker',
  'info',
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  }),
)

beforeAll(async () => {
  testDb = await createTestDatabase()
})
afterAll(async () => {
  await deletePrefix(redis, prefix)
  await redis.quit()
  await testDb.drop()
})

function config(env: Record<string, string> = {}) {
  return loadConfig({
    REDIS_URL,
    DATABASE_URL: testDb.databaseUrl,
    STATEX_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    QUEUE_PREFIX: prefix,
    TELEGRAM_WEBHOOK_SECRET: 'tg-secret',
    ...env,
  })
}

describe('startWorker', () => {
  it('connects, says which platforms and queues run, beats, and stops cleanly', async () => {
    const worker = await startWorker({ config: config(), log })
    expect(Object.keys(worker.providers.providers)).toEqual(['telegram'])
    // Every queue is served, so no job waits forever.
    expect(Object.keys(worker.workers)).toEqual([...QUEUE_NAMES])

    const record = JSON.parse((await redis.get(worker.heartbeat.key))!) as HeartbeatRecord
    expect(record).toMatchObject({ instanceId: worker.instanceId, queues: [...QUEUE_NAMES] })
    // The dispatcher's tick is a job scheduler, installed at boot.
    const schedulers = await worker.queues.dispatch.getJobSchedulers()
    expect(schedulers.map((s) => s.key)).toEqual(['dispatch-tick'])
    expect(worker.heartbeat.key).toBe(`${prefix}:worker:heartbeat:${worker.instanceId}`)

    const messages = lines.map((l) => String(l.msg))
    expect(messages).toContain('platforms: 1 registered, 5 skipped')
    expect(lines.find((l) => l.msg === 'queues ready')).toMatchObject({
      serving: [...QUEUE_NAMES],
      waiting: [],
    })
    expect(JSON.stringify(lines)).not.toContain('tg-secret')

    await worker.stop()
    expect(await redis.exists(worker.heartbeat.key)).toBe(0)
    expect(worker.redis.status).toBe('end')
  })

  it('refuses to start when PostgreSQL does not answer, and leaves nothing open', async () => {
    const badUrl = new URL(testDb.databaseUrl)
    badUrl.pathname = '/statex_database_that_does_not_exist'
    await expect(
      startWorker({ config: config({ DATABASE_URL: badUrl.toString() }), log }),
    ).rejects.toThrow()
    expect(await redis.keys(`${prefix}:worker:heartbeat:*`)).toEqual([])
  })
})
