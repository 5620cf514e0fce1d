import { hostname } from 'node:os'
import type { Redis } from 'ioredis'
import type { QueueName } from '@statex/jobs'

export interface HeartbeatRecord {
  instanceId: string
  pid: number
  hostname: string
  startedAt: string
  /** When this record was written; a record older than its TTL is gone from Redis. */
  at: string
  /** Queues this instance runs processors for; empty until the publishing engine exists. */
  queues: QueueName[]
}

export interface HeartbeatOptions {
  redis: Redis
  prefix: string
  instanceId: string
  queues: QueueName[]
  /** Default 5 s. */
  intervalMs?: number
  /** Default 3 × interval: one missed beat is not an outage. */
  ttlMs?: number
  onError?: (error: unknown) => void
}

export interface Heartbeat {
  readonly key: string
  /** Resolves when the write in flight (if any) has finished; for shutdown and tests. */
  settled(): Promise<void>
  /** Stops beating and deletes the key, so a reader sees the stop at once rather than after the TTL. */
  stop(): Promise<void>
}

/**
 * `<prefix>:worker:heartbeat:<instanceId>`. The API's health check can later SCAN
 * `<prefix>:worker:heartbeat:*` to report whether any worker is alive.
 */
export function heartbeatKey(prefix: string, instanceId: string): string {
  return `${prefix}:worker:heartbeat:${instanceId}`
}

/** Writes the first beat before resolving, then one every `intervalMs`, each with a TTL. */
export async function startHeartbeat(options: HeartbeatOptions): Promise<Heartbeat> {
  const intervalMs = options.intervalMs ?? 5_000
  const ttlMs = options.ttlMs ?? intervalMs * 3
  const key = heartbeatKey(options.prefix, options.instanceId)
  const startedAt = new Date().toISOString()
  let inFlight: Promise<void> = Promise.resolve()

  const beat = async () => {
    const record: HeartbeatRecord = {
      instanceId: options.instanceId,
      pid: process.pid,
      hostname: hostname(),
      startedAt,
      at: new Date().toISOString(),
      queues: options.queues,
    }
    await options.redis.set(key, JSON.stringify(record), 'PX', ttlMs)
  }

  await beat()
  const timer = setInterval(() => {
    inFlight = beat().catch((error: unknown) => options.onError?.(error))
  }, intervalMs)
  timer.unref()

  return {
    key,
    settled: () => inFlight,
    async stop() {
      clearInterval(timer)
      await inFlight
      await options.redis.del(key)
    },
  }
}
