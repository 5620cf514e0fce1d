import {
  WEBHOOK_DELIVERY_JOB_OPTIONS,
  WEBHOOK_DELIVERY_PAYLOAD,
  WEBHOOK_DELIVERY_QUEUE,
  WEBHOOK_HEADERS,
  deliveryJob,
  signWebhook,
} from '@statex/jobs'
import { Queue, Worker, type ConnectionOptions } from 'bullmq'
import type { Database } from '../deps.js'
import { safePost } from '@statex/runtime'

// Emitting is shared with the worker (post and account events); the API re-exports it.
export { emitWebhookEvent, type WebhookEvent } from '@statex/jobs'

class DeliveryFailed extends Error {
  override readonly name = 'DeliveryFailed'
}

/**
 * Sends one delivery: the stored body, signed now (`timestamp.body`, HMAC-SHA256 with the
 * endpoint's secret). A 2xx is delivered; anything else throws so the queue retries with backoff,
 * and the last attempt marks it failed. Every attempt's status and error are recorded.
 */
export async function deliverWebhook(
  db: Database,
  deliveryId: string,
  options: { final: boolean; allowPrivate?: boolean; timeoutMs?: number; now?: () => number },
): Promise<void> {
  const target = await db.webhooks.getDeliveryTarget(deliveryId)
  if (!target || target.delivery.status === 'delivered') return
  const body = JSON.stringify(target.delivery.payload)
  const timestamp = Math.floor((options.now?.() ?? Date.now()) / 1000)
  let status: number | undefined
  let error: string | undefined
  try {
    const answer = await safePost(target.url, {
      body,
      timeoutMs: options.timeoutMs ?? 10_000,
      ...(options.allowPrivate ? { allowPrivate: true } : {}),
      headers: {
        'user-agent': 'Statex-Webhooks/1',
        [WEBHOOK_HEADERS.id]: target.delivery.eventId,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signWebhook(target.secret, timestamp, body),
      },
    })
    status = answer.status
    if (status < 200 || status >= 300) error = `HTTP ${status}: ${answer.body.slice(0, 200)}`
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause)
  }
  await db.webhooks.recordDeliveryAttempt(deliveryId, {
    ok: error === undefined,
    ...(status !== undefined ? { responseStatus: status } : {}),
    ...(error !== undefined ? { error } : {}),
    final: options.final,
  })
  if (error !== undefined) throw new DeliveryFailed(error)
}

/** A delivery still pending this long after it was recorded may have lost its job. */
const STRANDED_AFTER_MS = 2 * 60_000
const SWEEP_BATCH = 500

/**
 * Puts back the jobs of pending deliveries that Redis lost (a crash between recording a
 * delivery and queueing it, a flush): PostgreSQL holds every delivery, so none stays unsent.
 * Walks the pending ones in creation order a batch per call, from where the last call stopped,
 * so a long backlog in backoff cannot hide a stranded one. Re-adding a live job is a no-op (the
 * job id is the delivery's); returns how many were handed to the queue.
 */
export function createDeliverySweep(db: Database, queue: Queue) {
  let after: { createdAt: Date; id: string } | undefined
  return async function sweep(now = Date.now()): Promise<number> {
    const pending = await db.webhooks.listPendingDeliveries({
      before: new Date(now - STRANDED_AFTER_MS),
      ...(after ? { after } : {}),
      limit: SWEEP_BATCH,
    })
    after = pending.length === SWEEP_BATCH ? pending[pending.length - 1] : undefined
    if (pending.length > 0) await queue.addBulk(pending.map((d) => deliveryJob(d.id)))
    return pending.length
  }
}

/** The delivery queue and its worker, in the API process for now. */
export function startWebhookDeliveries(options: {
  connection: ConnectionOptions
  prefix: string
  db: Database
  allowPrivate?: boolean
  /** Default 30 s, doubling; tests pass a few milliseconds. */
  backoffDelayMs?: number
  /** How often stranded deliveries are looked for. Default a minute; 0 = never. */
  sweepEveryMs?: number
}) {
  const defaultJobOptions = {
    ...WEBHOOK_DELIVERY_JOB_OPTIONS,
    backoff: {
      type: 'exponential' as const,
      delay: options.backoffDelayMs ?? WEBHOOK_DELIVERY_JOB_OPTIONS.backoff.delay,
    },
  }
  const queue = new Queue(WEBHOOK_DELIVERY_QUEUE, {
    connection: options.connection,
    prefix: options.prefix,
    defaultJobOptions,
  })
  const worker = new Worker(
    WEBHOOK_DELIVERY_QUEUE,
    async (job) => {
      const { deliveryId } = WEBHOOK_DELIVERY_PAYLOAD.parse(job.data)
      const attempts = job.opts.attempts ?? 1
      await deliverWebhook(options.db, deliveryId, {
        final: job.attemptsMade + 1 >= attempts,
        ...(options.allowPrivate ? { allowPrivate: true } : {}),
      })
    },
    { connection: options.connection, prefix: options.prefix, concurrency: 10 },
  )
  worker.on('error', () => {
    // Connection errors: BullMQ reconnects; deliveries stay in Redis and PostgreSQL.
  })
  const sweep = createDeliverySweep(options.db, queue)
  const every = options.sweepEveryMs ?? 60_000
  const timer =
    every > 0
      ? setInterval(() => {
          // A failed sweep (database or Redis away) is tried again at the next interval.
          sweep().catch(() => undefined)
        }, every)
      : undefined
  timer?.unref()
  return {
    queue,
    worker,
    sweep,
    async close() {
      if (timer) clearInterval(timer)
      await worker.close()
      await queue.close()
    },
  }
}
