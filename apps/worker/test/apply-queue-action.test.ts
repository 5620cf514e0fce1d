import { Queue, QueueEvents, type Job } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyQueueAction } from '../src/apply-queue-action.js'
import type { QueueAction } from '../src/error-policy.js'
import { DEFAULT_JOB_OPTIONS } from '@statex/jobs'
import { closeWorkers, startWorkers } from '../src/workers.js'
import { connectRedis, deletePrefix, uniquePrefix } from './support.js'

// Real BullMQ on real Redis: the processor ends each job with the action the job carries.
type Applied = Exclude<QueueAction, { type: 'refresh_token_then_retry' }>

const prefix = uniquePrefix('apply')
const connection = connectRedis()
const eventsConnection = connectRedis()
const queue = new Queue<{ action: Applied }>('publish', {
  connection,
  prefix,
  defaultJobOptions: DEFAULT_JOB_OPTIONS,
})
const events = new QueueEvents('publish', { connection: eventsConnection, prefix })
const workers = startWorkers({
  connection,
  prefix,
  concurrency: 2,
  processors: {
    publish: (job: Job<{ action: Applied }>, token?: string) =>
      applyQueueAction(job.data.action, job, token),
  },
})

beforeAll(async () => {
  await events.waitUntilReady()
  await workers.publish!.waitUntilReady()
})
afterAll(async () => {
  await closeWorkers(workers)
  await events.close()
  await queue.close()
  await deletePrefix(connection, prefix)
  await Promise.all([connection.quit(), eventsConnection.quit()])
})

/** Resolves with the event's payload once `event` fires for `jobId`. Listen before adding the job. */
function next(
  event: 'delayed' | 'failed',
  jobId: () => string | undefined,
): Promise<Record<string, string>> {
  return new Promise((resolve) => {
    const listener = (payload: Record<string, string>) => {
      if (payload.jobId !== jobId()) return
      events.off(event, listener)
      resolve(payload)
    }
    events.on(event, listener)
  })
}

async function run(action: Applied, event: 'delayed' | 'failed') {
  const ref: { id?: string } = {}
  const fired = next(event, () => ref.id)
  const added = await queue.add('target', { action })
  ref.id = added.id
  const payload = await fired
  const job = (await queue.getJob(added.id!))!
  return { payload, job, state: await job.getState() }
}

describe('applyQueueAction with BullMQ', () => {
  it('delay: moves the job to delayed without spending an attempt', async () => {
    const { payload, job, state } = await run(
      { type: 'delay', delayMs: 60_000, reason: 'rate_limited' },
      'delayed',
    )
    expect(state).toBe('delayed')
    expect(job.attemptsMade).toBe(0)
    const waitMs = Number(payload.delay) - job.processedOn!
    expect(waitMs).toBeGreaterThanOrEqual(60_000)
    expect(waitMs).toBeLessThan(65_000)
  })

  it('retry: spends an attempt and waits the policy backoff, jittered by at most ±20 %', async () => {
    const { payload, job, state } = await run(
      { type: 'retry', delayMs: 10_000, reason: 'transient' },
      'delayed',
    )
    expect(state).toBe('delayed')
    expect(job.attemptsMade).toBe(1)
    const waitMs = Number(payload.delay) - job.processedOn!
    // The workers jitter the policy's 10 s so targets that failed together do not return together.
    expect(waitMs).toBeGreaterThanOrEqual(8_000)
    expect(waitMs).toBeLessThan(12_000 + 3_000)
  })

  it.each([
    {
      type: 'fail',
      reason: 'invalid_request: text too long',
      userMessage: 'Text too long',
      reconnectAccount: false,
    },
    { type: 'reconcile', reason: 'transient: may have been received' },
  ] satisfies Applied[])(
    '$type: fails the job for good with the reason, attempts left unused',
    async (action) => {
      const { payload, job, state } = await run(action, 'failed')
      expect(state).toBe('failed')
      expect(payload.failedReason).toBe(action.reason)
      expect(job.attemptsMade).toBe(1)
      expect(job.opts.attempts).toBe(5)
    },
  )
})
