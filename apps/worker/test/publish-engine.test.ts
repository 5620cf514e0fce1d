import type { PostDraft } from '@statex/core'
import { publishJobId } from '@statex/jobs'
import { Queue } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDispatcher } from '../src/engine/dispatcher.js'
import type { RunningWorker } from '../src/start.js'
import { createEngineHarness, draftFor, type EngineHarness } from './engine-harness.js'
import { deletePrefix } from './support.js'

let h: EngineHarness
let worker: RunningWorker

beforeAll(async () => {
  h = await createEngineHarness('engine')
  worker = await h.startWorker()
})
afterAll(async () => {
  await h.close()
})

const settle = { timeout: 20_000, interval: 50 }

async function schedule(
  account: { workspaceId: string; accountId: string },
  content: PostDraft,
  at: Date = new Date(Date.now() - 1_000),
) {
  const group = await h.db.posts.createPostGroup({
    workspaceId: account.workspaceId,
    content,
    targets: [{ accountId: account.accountId }],
    scheduledAt: at,
    timeZone: 'Europe/Berlin',
    actor: 'user:test',
  })
  return { group, target: group.targets[0]! }
}

async function until(targetId: string, statuses: string[]) {
  return vi.waitFor(async () => {
    const post = await h.db.posts.getPost(targetId)
    if (!post || !statuses.includes(post.status))
      throw new Error(`target is ${post?.status}, waiting for ${statuses.join('/')}`)
    return post
  }, settle)
}

describe('the publishing engine', () => {
  it('publishes due targets on Telegram and WhatsApp exactly once, with ids, and derives the group status', async () => {
    const tg = await h.account('telegram')
    const wa = await h.account('whatsapp')
    const group = await h.db.posts.createPostGroup({
      workspaceId: tg.workspaceId,
      content: { text: 'Spring opening hours' },
      targets: [{ accountId: tg.accountId }],
      scheduledAt: new Date(Date.now() - 500),
      actor: 'user:test',
    })
    const waPost = await schedule(wa, draftFor('whatsapp', 'Spring opening hours'))
    const tgPost = await until(group.targets[0]!.id, ['PUBLISHED'])
    const waDone = await until(waPost.target.id, ['PUBLISHED'])

    expect(h.telegramSim.countPosts(tg.auth)).toBe(1)
    expect(h.telegramSim.findPost(tg.auth, tgPost.externalId!)?.text).toBe('Spring opening hours')
    expect(waDone.externalId).toMatch(/^wamid\./)
    expect(waDone.partIds).toEqual([waDone.externalId])
    expect(h.whatsappSim.requests.filter((r) => r.path.endsWith('/messages'))).toHaveLength(1)

    const attempts = await h.db.publishing.listPublishAttempts(tgPost.id)
    expect(attempts).toHaveLength(1)
    expect(attempts[0]).toMatchObject({
      outcome: 'published',
      idempotencyKey: `statex-post-${tgPost.id}`,
    })
    // The group's status is derived just after the target's is written: wait for it, no sleep.
    await vi.waitFor(
      async () => expect((await h.db.posts.getPostGroup(group.id))?.status).toBe('published'),
      { timeout: 10_000, interval: 50 },
    )
    // The job is gone once done (it ends just after the group's status and its webhook event
    // are written): a retry a person asks for later gets a fresh one.
    await vi.waitFor(
      async () =>
        expect(await worker.queues.publish.getJob(publishJobId(tgPost.id))).toBeUndefined(),
      { timeout: 10_000, interval: 50 },
    )
  })

  it('enqueues a target due within the horizon delayed to its instant, and publishes it no earlier', async () => {
    const tg = await h.account('telegram')
    const at = new Date(Date.now() + 1_500)
    const { target } = await schedule(tg, { text: 'On the dot' }, at)
    await vi.waitFor(async () => {
      const job = await worker.queues.publish.getJob(publishJobId(target.id))
      expect(await job?.getState()).toBe('delayed')
    }, settle)
    const done = await until(target.id, ['PUBLISHED'])
    const request = h.telegramSim.requests.find(
      (r) => r.path.endsWith('/sendMessage') && JSON.stringify(r.body).includes('On the dot'),
    )!
    expect(request.receivedAt.getTime()).toBeGreaterThanOrEqual(at.getTime())
    // Telegram dates messages in whole seconds.
    expect(done.publishedAt!.getTime()).toBeGreaterThanOrEqual(
      Math.floor(at.getTime() / 1000) * 1000,
    )
  })

  it('waits out a rate limit without spending an attempt, pausing only that account', async () => {
    const limited = await h.account('telegram')
    const other = await h.account('telegram')
    h.telegramSim.injectFault(
      { type: 'rate_limit', retryAfterSeconds: 2 },
      { match: { path: limited.auth.accessToken } },
    )
    const first = await schedule(limited, { text: 'Limited one' })
    const done = await until(first.target.id, ['PUBLISHED'])
    const second = await schedule(limited, { text: 'Limited two' })
    const third = await schedule(other, { text: 'Other account flows' })
    await until(second.target.id, ['PUBLISHED'])
    await until(third.target.id, ['PUBLISHED'])

    const toLimited = h.telegramSim.requests.filter((r) =>
      r.path.includes(limited.auth.accessToken),
    )
    const refusedAt = toLimited[0]!.receivedAt.getTime()
    // Nothing reached the limited account inside its window, whichever job sent it.
    for (const request of toLimited.slice(1))
      expect(request.receivedAt.getTime()).toBeGreaterThanOrEqual(refusedAt + 2_000)
    expect(h.telegramSim.countPosts(limited.auth)).toBe(2)
    const attempts = await h.db.publishing.listPublishAttempts(done.id)
    expect(attempts.map((a) => [a.outcome, a.error?.kind ?? null])).toEqual([
      ['rescheduled', 'rate_limited'],
      ['published', null],
    ])
  })

  it('resumes a thread refused on its second part without repeating the first', async () => {
    const tg = await h.account('telegram')
    const match = { path: new RegExp(`${escape(tg.auth.accessToken)}/sendMessage$`) }
    // Faults are taken in order: the first part passes (a 1 ms "slow"), the second is refused
    // with a 429 (certainly not sent; a Telegram 500 may have acted, so it would go UNKNOWN).
    h.telegramSim.injectFault({ type: 'slow', delayMs: 1 }, { match })
    h.telegramSim.injectFault({ type: 'rate_limit', retryAfterSeconds: 1 }, { match })
    const content: PostDraft = {
      text: 'Thread part one',
      thread: [{ text: 'Thread part two' }, { text: 'Thread part three' }],
    }
    const { target } = await schedule(tg, content)
    const done = await until(target.id, ['PUBLISHED', 'FAILED', 'UNKNOWN'])
    expect(done.status).toBe('PUBLISHED')
    const texts = h.telegramSim
      .listPosts(tg.auth)
      .map((post) => post.text)
      .reverse()
    expect(texts).toEqual(['Thread part one', 'Thread part two', 'Thread part three'])
    expect(done.partIds).toHaveLength(3)
    const attempts = await h.db.publishing.listPublishAttempts(done.id)
    expect(attempts.map((a) => [a.outcome, a.error?.kind ?? null])).toEqual([
      ['rescheduled', 'rate_limited'],
      ['published', null],
    ])
  })

  it('marks an unknown outcome UNKNOWN and never re-sends it when the platform cannot be asked', async () => {
    const tg = await h.account('telegram')
    h.telegramSim.injectFault(
      { type: 'drop_after_receive' },
      { match: { path: tg.auth.accessToken } },
    )
    const { target, group } = await schedule(tg, { text: 'Dropped after receipt' })
    const done = await until(target.id, ['UNKNOWN'])
    expect(done.lastError).toMatch(/Check the account before re-posting/)
    expect(done.nextCheckAt).toBeNull()
    // The group's status is derived just after the target's is written: wait for it, no sleep.
    await vi.waitFor(
      async () => expect((await h.db.posts.getPostGroup(group.id))?.status).toBe('needs_review'),
      { timeout: 10_000, interval: 50 },
    )
    // The job ends once the group is settled and its people notified (removed on failure).
    await vi.waitFor(
      async () =>
        expect(await worker.queues.publish.getJob(publishJobId(target.id))).toBeUndefined(),
      { timeout: 10_000, interval: 50 },
    )
    // Nothing puts it back: a tick later there is still no job and still one message.
    await createDispatcher({ db: h.db, queue: worker.queues.publish }).tick()
    expect(await worker.queues.publish.getJob(publishJobId(target.id))).toBeUndefined()
    expect(h.telegramSim.countPosts(tg.auth)).toBe(1)
  })

  it('marks the account needs_reconnect on a revoked token and fails its due targets with that reason', async () => {
    const tg = await h.account('telegram')
    h.telegramSim.revokeToken(tg.auth.accessToken)
    const first = await schedule(tg, { text: 'Revoked' })
    const failed = await until(first.target.id, ['FAILED'])
    expect(failed.lastError).toMatch(/Reconnect the account/)
    expect((await h.db.accounts.getAccount(tg.accountId))?.status).toBe('needs_reconnect')

    const sentBefore = h.telegramSim.requests.length
    const second = await schedule(tg, { text: 'After revocation' })
    const skipped = await until(second.target.id, ['FAILED'])
    expect(skipped.lastError).toMatch(/needs reconnecting/)
    expect(await h.db.publishing.listPublishAttempts(second.target.id)).toEqual([])
    expect(
      h.telegramSim.requests.slice(sentBefore).some((r) => r.path.includes(tg.auth.accessToken)),
    ).toBe(false)
  })

  it('turns a claim whose worker died into UNKNOWN once its lease is over', async () => {
    const tg = await h.account('telegram')
    const { target } = await schedule(
      tg,
      { text: 'Claimed by a dead worker' },
      new Date(Date.now() + 3_600_000),
    )
    await h.db.publishing.beginPublishAttempt(target.id, { leaseUntil: new Date(Date.now() - 1) })
    const done = await until(target.id, ['UNKNOWN'])
    expect(done.lastError).toMatch(/worker stopped while this post was being sent to Telegram/)
    expect(h.telegramSim.countPosts(tg.auth)).toBe(0)
  })

  it("tells the workspace's webhooks post.published, post.failed and account.needs_reconnect, once each", async () => {
    const tg = await h.account('telegram')
    const endpoint = await h.db.webhooks.createEndpoint({
      workspaceId: tg.workspaceId,
      url: 'https://hooks.example.test/statex',
      events: ['post.published', 'post.failed', 'account.needs_reconnect'],
      secret: 'whsec_test',
    })
    const published = await schedule(tg, { text: 'Tell the hooks' })
    await until(published.target.id, ['PUBLISHED'])
    h.telegramSim.revokeToken(tg.auth.accessToken)
    const failed = await schedule(tg, { text: 'Revoked, then told' })
    await until(failed.target.id, ['FAILED'])

    const deliveries = await vi.waitFor(async () => {
      const list = await h.db.webhooks.listDeliveries(tg.workspaceId, endpoint.id)
      if (list.length < 3) throw new Error(`${list.length} deliveries so far`)
      return list
    }, settle)
    expect(deliveries.map((d) => d.eventType).sort()).toEqual([
      'account.needs_reconnect',
      'post.failed',
      'post.published',
    ])
    const body = deliveries.find((d) => d.eventType === 'post.published')!.payload as {
      data: { post: { id: string; targets: { status: string; externalId: string }[] } }
    }
    expect(body.data.post.id).toBe(published.group.id)
    expect(body.data.post.targets).toEqual([
      expect.objectContaining({ status: 'PUBLISHED', externalId: expect.any(String) }),
    ])
    // Each on the delivery queue the API's worker sends from.
    const queue = new Queue('webhook-deliveries', { connection: h.redis, prefix: h.prefix })
    for (const d of deliveries) expect(await queue.getJob(`delivery-${d.id}`)).toBeDefined()
    await queue.close()
  })

  it('publishes a recurring post and schedules its next occurrence, once', async () => {
    const tg = await h.account('telegram')
    const at = new Date(Date.now() - 500)
    const group = await h.db.posts.createPostGroup({
      workspaceId: tg.workspaceId,
      content: { text: 'Every day at this minute' },
      targets: [{ accountId: tg.accountId }],
      scheduledAt: at,
      timeZone: 'UTC',
      recurrence: {
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        time: at.toISOString().slice(11, 16),
        timeZone: 'UTC',
        startsAt: at,
      },
      actor: 'user:test',
    })
    await until(group.targets[0]!.id, ['PUBLISHED'])
    const page = await vi.waitFor(async () => {
      const page = await h.db.posts.listPostGroups({ workspaceId: tg.workspaceId, limit: 10 })
      if (page.items.length < 2) throw new Error('no next occurrence yet')
      return page
    }, settle)
    expect(page.items).toHaveLength(2)
    const next = page.items.find((item) => item.id !== group.id)!
    expect(next.seriesId).toBe(group.id)
    expect(next.targets[0]!.status).toBe('SCHEDULED')
    // Tomorrow, same UTC minute.
    expect(next.scheduledAt!.getTime() - Math.floor(at.getTime() / 60_000) * 60_000).toBe(
      86_400_000,
    )
    expect(h.telegramSim.countPosts(tg.auth)).toBe(1)
  })

  it('publishes a due target whose job Redis kept only half of (a hash in no list)', async () => {
    const tg = await h.account('telegram')
    await worker.stop()
    // What a non-atomic flush or an eviction can leave: the job's hash without its delayed entry.
    // BullMQ takes the hash for a live job, so adding the id again alone would never run it.
    const { target } = await schedule(tg, { text: 'Half lost' }, new Date(Date.now() - 60_000))
    const queue = new Queue('publish', { connection: h.redis, prefix: h.prefix })
    await queue.add(
      'publish',
      { targetId: target.id },
      { jobId: publishJobId(target.id), delay: 3_600_000 },
    )
    await h.redis.zrem(`${h.prefix}:publish:delayed`, publishJobId(target.id))
    expect(await queue.getJobState(publishJobId(target.id))).toBe('unknown')
    await queue.close()

    worker = await h.startWorker()
    await until(target.id, ['PUBLISHED'])
    expect(h.telegramSim.countPosts(tg.auth)).toBe(1)
  })

  it('puts back every due job after the Redis keys are deleted', async () => {
    const tg = await h.account('telegram')
    await worker.stop()
    // Enqueued for later, then every key of this prefix is deleted (a Redis flush, scoped).
    const { target } = await schedule(tg, { text: 'Survives a flush' }, new Date(Date.now() + 400))
    await deletePrefix(h.redis, h.prefix)
    worker = await h.startWorker()
    await until(target.id, ['PUBLISHED'])
    expect(h.telegramSim.countPosts(tg.auth)).toBe(1)
  })
})

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
