import { afterAll, describe, expect, it } from 'vitest'
import { closeQueues, createQueues, DEFAULT_JOB_OPTIONS, QUEUE_NAMES } from '../src/index.js'
import { connectRedis, deletePrefix, keysUnder, uniquePrefix } from '../src/testing.js'

const prefix = uniquePrefix('queues')
const redis = connectRedis()
const queues = createQueues({ connection: redis, prefix })

afterAll(async () => {
  await closeQueues(queues)
  await deletePrefix(redis, prefix)
  await redis.quit()
})

describe('createQueues', () => {
  it('names the four queues as the conventions do', () => {
    expect(QUEUE_NAMES).toEqual([
      'publish',
      'sync-metrics',
      'process-interactions',
      'auto-respond',
      'dispatch',
      'refresh-tokens',
      'poll-feeds',
    ])
    expect(Object.keys(queues)).toEqual([...QUEUE_NAMES])
    for (const name of QUEUE_NAMES) expect(queues[name].name).toBe(name)
  })

  it('stores every queue under the prefix, with the default job options', async () => {
    for (const name of QUEUE_NAMES) await queues[name].add('probe', { name })
    const keys = await keysUnder(redis, prefix)
    for (const name of QUEUE_NAMES) expect(keys).toContain(`${prefix}:${name}:wait`)
    expect(keys.every((key) => key.startsWith(`${prefix}:`))).toBe(true)

    const [job] = await queues.publish.getWaiting()
    expect(job?.opts).toMatchObject({
      attempts: DEFAULT_JOB_OPTIONS.attempts,
      backoff: { type: 'error-policy' },
    })
    expect(await queues['sync-metrics'].getJobCounts('wait')).toEqual({ wait: 1 })
  })
})
