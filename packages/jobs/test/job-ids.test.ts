import { afterAll, describe, expect, it } from 'vitest'
import {
  createQueues,
  closeQueues,
  parsePayload,
  publishJobId,
  publishStepJobId,
} from '../src/index.js'
import { connectRedis, deletePrefix, uniquePrefix } from '../src/testing.js'

const prefix = uniquePrefix('job-ids')
const redis = connectRedis()
const queues = createQueues({ connection: redis, prefix })

afterAll(async () => {
  await closeQueues(queues)
  await deletePrefix(redis, prefix)
  await redis.quit()
})

describe('job ids', () => {
  it('are deterministic per target and never contain a colon', () => {
    expect(publishJobId('clx123')).toBe('publish-clx123')
    expect(publishStepJobId('poll', 'clx123', 2)).toBe('poll-clx123-2')
    expect(() => publishJobId('a:b')).toThrow('not a usable job id part')
    expect(() => publishJobId('')).toThrow(RangeError)
  })

  it('make a second add of the same target a no-op in BullMQ', async () => {
    const id = publishJobId('target-1')
    await queues.publish.add('publish', { targetId: 'target-1' }, { jobId: id, delay: 60_000 })
    await queues.publish.add('publish', { targetId: 'target-1' }, { jobId: id, delay: 60_000 })
    expect(await queues.publish.getJobCounts('delayed')).toEqual({ delayed: 1 })
  })
})

describe('payloads', () => {
  it('carry ids only and default the reason', () => {
    expect(parsePayload('publish', { targetId: 't1' })).toEqual({ targetId: 't1', reason: 'due' })
  })

  it('refuse malformed data with the field at fault', () => {
    expect(() => parsePayload('publish', { target: 't1' })).toThrow(/targetId/)
    expect(() => parsePayload('auto-respond', {})).toThrow(/interactionId/)
  })
})
