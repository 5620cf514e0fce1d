import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { heartbeatKey, startHeartbeat, type HeartbeatRecord } from '../src/heartbeat.js'
import { connectRedis, deletePrefix, uniquePrefix } from './support.js'

const prefix = uniquePrefix('heartbeat')
const redis = connectRedis()

afterEach(() => {
  vi.useRealTimers()
})
afterAll(async () => {
  await deletePrefix(redis, prefix)
  await redis.quit()
})

async function read(key: string): Promise<HeartbeatRecord> {
  const raw = await redis.get(key)
  if (raw === null) throw new Error(`no heartbeat at ${key}`)
  return JSON.parse(raw) as HeartbeatRecord
}

describe('startHeartbeat', () => {
  it('writes a record with a TTL before resolving, and deletes it on stop', async () => {
    const heartbeat = await startHeartbeat({
      redis,
      prefix,
      instanceId: 'w1',
      queues: [],
      intervalMs: 5_000,
    })
    expect(heartbeat.key).toBe(`${prefix}:worker:heartbeat:w1`)
    expect(heartbeatKey(prefix, 'w1')).toBe(heartbeat.key)
    expect(await read(heartbeat.key)).toMatchObject({
      instanceId: 'w1',
      pid: process.pid,
      queues: [],
    })
    const ttl = await redis.pttl(heartbeat.key)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(15_000)

    await heartbeat.stop()
    expect(await redis.exists(heartbeat.key)).toBe(0)
  })

  it('beats again every interval', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    vi.setSystemTime(new Date('2026-11-25T10:00:00Z'))
    const heartbeat = await startHeartbeat({
      redis,
      prefix,
      instanceId: 'w2',
      queues: ['publish'],
      intervalMs: 5_000,
    })
    const first = await read(heartbeat.key)
    expect(first.at).toBe('2026-11-25T10:00:00.000Z')

    await vi.advanceTimersByTimeAsync(5_000)
    await heartbeat.settled()
    const second = await read(heartbeat.key)
    expect(second.at).toBe('2026-11-25T10:00:05.000Z')
    expect(second.startedAt).toBe(first.startedAt)
    expect(second.queues).toEqual(['publish'])
    await heartbeat.stop()
  })
})
