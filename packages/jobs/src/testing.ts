import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'

// Helpers for tests that use real Redis, shared by the worker's and the API's suites.

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** A queue prefix of this test file's own, so files run in parallel on one Redis. */
export function uniquePrefix(label: string): string {
  return `test-${label}-${randomBytes(4).toString('hex')}`
}

export function connectRedis(): Redis {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: null })
}

/** Removes every key under `prefix` (SCAN, not KEYS, so a shared Redis is not blocked). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500)
    if (keys.length > 0) await redis.del(...keys)
    cursor = next
  } while (cursor !== '0')
}

export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = []
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500)
    found.push(...keys)
    cursor = next
  } while (cursor !== '0')
  return found.sort()
}
