import { createTestDatabase, type TestDatabase } from '@statex/db/testing'
import { createLogger } from '@statex/runtime'
import { twitter } from '@statex/twitter'
import { createXSimulator, type XSimulator } from '@statex/twitter/testing'
import { firstCommentJobId } from '@statex/jobs'
import { Queue } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccountGate } from '../src/engine/account-gate.js'
import { createDispatcher } from '../src/engine/dispatcher.js'
import { sendFirstComment } from '../src/engine/first-comment.js'
import { createPublishProcessor } from '../src/engine/publish-processor.js'
import { connectRedis, deletePrefix, uniquePrefix } from './support.js'

let t: TestDatabase
let sim: XSimulator
beforeAll(async () => {
  t = await createTestDatabase()
  sim = await createXSimulator()
})
afterAll(async () => {
  await sim?.close()
  await t?.drop()
})

const log = createLogger('test', 'silent')

/** A post published on the X simulator for real, with `firstComment` in its content. */
async function publishedWithComment(firstComment: string | undefined, publishedAt?: Date) {
  const auth = sim.createAccount({ name: 'Acme' })
  const provider = twitter({ baseUrl: sim.baseUrl, clientId: 'first-comment' })
  const user = await t.db.users.createUser({ email: `fc-${Math.random()}@example.test` })
  const ws = await t.db.workspaces.createWorkspace({ name: 'fc', ownerUserId: user.id })
  const account = await t.db.accounts.connectAccount(ws.id, {
    platform: 'twitter',
    externalAccountId: auth.externalAccountId,
    displayName: 'Acme',
    tokens: { accessToken: auth.accessToken },
  })
  const content = { text: 'Our launch post', ...(firstComment ? { firstComment } : {}) }
  const group = await t.db.posts.createPostGroup({
    workspaceId: ws.id,
    content,
    targets: [{ accountId: account.id }],
    scheduledAt: new Date(),
    actor: 'user:test',
  })
  const published = await provider.publish({ account: auth, post: content, idempotencyKey: 'k' })
  if (published.status !== 'published') throw new Error('the simulator did not publish')
  // Through the engine's own claim and record, as a publish job would.
  const claim = await t.db.engine.claimTarget(group.targets[0]!.id, {
    leaseUntil: new Date(Date.now() + 60_000),
  })
  await t.db.engine.recordPublished(claim!.attemptId, {
    externalId: published.externalId,
    publishedAt: publishedAt ?? published.publishedAt,
  })
  const context = (await t.db.engine.getPublishContext(group.targets[0]!.id))!
  const deps = { db: t.db, tokens: { getAuth: async () => auth }, log, timeoutMs: 10_000 }
  return { provider, context, deps, tweetId: published.externalId, targetId: context.post.id }
}

/** The real adapter, counting the comment calls that reach the simulator. */
function countingComments(provider: ReturnType<typeof twitter>) {
  let calls = 0
  const counted = {
    ...provider,
    comment: (input: Parameters<NonNullable<typeof provider.comment>>[0]) => {
      calls += 1
      return provider.comment!(input)
    },
  }
  return { counted, calls: () => calls }
}

describe('sendFirstComment', () => {
  it('replies under the published post exactly once, even when two runs race', async () => {
    const { provider, context, deps, tweetId, targetId } = await publishedWithComment(
      'Details and tickets: https://example.com/launch',
    )
    const { counted, calls } = countingComments(provider)
    await Promise.all([
      sendFirstComment(deps, counted, context),
      sendFirstComment(deps, counted, context),
    ])
    await sendFirstComment(deps, counted, context)
    expect(calls()).toBe(1)
    const post = (await t.db.posts.getPost(targetId))!
    expect(post.firstCommentStatus).toBe('sent')
    const reply = sim.tweet(post.firstCommentExternalId!)!
    expect(reply.referenced_tweets).toEqual([{ type: 'replied_to', id: tweetId }])
    expect(reply.displayText).toContain('Details and tickets')
  })

  it('records a refusal as failed and never sends it again', async () => {
    const { provider, context, deps, targetId } = await publishedWithComment('x'.repeat(300))
    await sendFirstComment(deps, provider, context)
    const post = (await t.db.posts.getPost(targetId))!
    expect(post.firstCommentStatus).toBe('failed')
    expect(post.firstCommentError).toBeTruthy()
  })

  it('does nothing for a post without one', async () => {
    const { provider, context, deps, targetId } = await publishedWithComment(undefined)
    await sendFirstComment(deps, provider, context)
    expect((await t.db.posts.getPost(targetId))!.firstCommentStatus).toBeNull()
  })
})

describe('the first-comment sweep', () => {
  it('sends the comment of a post whose worker died right after publishing it, once', async () => {
    // Published three minutes ago, the comment never claimed: as if the worker died in between.
    const { provider, deps, targetId } = await publishedWithComment(
      'Tickets: https://example.com/launch',
      new Date(Date.now() - 3 * 60_000),
    )
    const fresh = await publishedWithComment('Too soon to sweep', new Date())
    const prefix = uniquePrefix('first-comment')
    const redis = connectRedis()
    const queue = new Queue('publish', { connection: redis, prefix })
    try {
      const dispatcher = createDispatcher({ db: t.db, queue })
      const stats = await dispatcher.tick()
      expect(stats.firstComments).toBeGreaterThanOrEqual(1)
      const job = await queue.getJob(firstCommentJobId(targetId))
      expect(job?.data).toMatchObject({ targetId, reason: 'first-comment' })
      // A post just published is its own job's business, not the sweep's.
      expect(await queue.getJob(firstCommentJobId(fresh.targetId))).toBeUndefined()

      const { counted, calls } = countingComments(provider)
      const processor = createPublishProcessor({
        db: t.db,
        providers: { twitter: counted },
        gate: createAccountGate({ redis, prefix, leaseMs: 60_000 }),
        tokens: {
          ...deps.tokens,
          refresh: () => Promise.reject(new Error('not expected')),
        } as never,
        events: {
          settleGroup: async () => undefined,
          needsReconnect: async () => undefined,
          submitted: async () => undefined,
        },
        log,
      })
      // The sweep's job, and the original job run again after a stall: one comment.
      await processor(job!, 'token')
      await processor(job!, 'token')
      expect(calls()).toBe(1)
      const post = (await t.db.posts.getPost(targetId))!
      expect(post.firstCommentStatus).toBe('sent')
      expect(sim.tweet(post.firstCommentExternalId!)!.displayText).toContain('Tickets')
      // Settled: the next tick has nothing to sweep for it.
      await dispatcher.tick()
      const pending = await t.db.posts.listUnclaimedFirstComments({
        before: new Date(Date.now() - 60_000),
        since: new Date(Date.now() - 86_400_000),
        limit: 50,
      })
      expect(pending.map((p) => p.targetId)).not.toContain(targetId)
    } finally {
      await queue.close()
      await deletePrefix(redis, prefix)
      redis.disconnect()
    }
  })
})
