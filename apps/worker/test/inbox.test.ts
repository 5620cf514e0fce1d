import { startFakeModelServer, type FakeModelServer } from '@statex/ai/testing'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { RunningWorker } from '../src/start.js'
import { createEngineHarness, type EngineHarness } from './engine-harness.js'

const settle = { timeout: 15_000, interval: 100 }

let h: EngineHarness
let models: FakeModelServer
let worker: RunningWorker

beforeAll(async () => {
  h = await createEngineHarness('inbox')
  models = await startFakeModelServer({ openaiKey: 'sk-x', azureKey: 'az', azureDeployment: 'd' })
  worker = await h.startWorker({
    env: { OLLAMA_URL: models.ollamaHost, OLLAMA_MODEL: 'llama3.2', AI_TIERS: 'ollama' },
    // No ticks: the inbox tick would poll the test accounts on its own and race the assertions.
    schedule: false,
  })
})
afterAll(async () => {
  await h?.close()
  await models?.close()
})

const sends = () => h.telegramSim.requests.filter((r) => r.path.endsWith('/sendMessage')).length

async function storedInteractions(workspaceId: string, count: number) {
  return vi.waitFor(async () => {
    const page = await h.db.interactions.listInbox({ workspaceId, includeHidden: true })
    if (page.items.length < count) throw new Error(`${page.items.length} of ${count} stored`)
    return page.items
  }, settle)
}

async function webhookJob(platform: 'telegram', body: unknown, accountId?: string) {
  const stored = await h.db.webhooks.storeInboundEvent({
    platform,
    body,
    ...(accountId ? { accountId } : {}),
  })
  await worker.queues['process-interactions'].add(
    'process-interactions',
    { source: 'webhook', webhookEventId: stored.id, ...(accountId ? { accountId } : {}) },
    { jobId: `webhook-${stored.id}` },
  )
  return stored.id
}

describe('process-interactions', () => {
  it('stores a webhook delivery delivered twice once, and marks both processed', async () => {
    const tg = await h.account('telegram')
    const delivery = h.telegramSim.webhookDelivery({ account: tg.auth, text: 'Love your channel!' })
    const body = JSON.parse(String(delivery.rawBody)) as unknown
    const ids = await Promise.all([
      webhookJob('telegram', body, tg.accountId),
      webhookJob('telegram', body, tg.accountId),
    ])
    const items = await storedInteractions(tg.workspaceId, 1)
    await vi.waitFor(async () => {
      for (const id of ids)
        expect((await h.db.webhooks.getInboundEvent(id))?.processedAt).not.toBeNull()
    }, settle)
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ type: 'MESSAGE', text: 'Love your channel!' })
    // Praise by the rules: triaged, no rule so no draft, nothing sent.
    await vi.waitFor(async () => {
      expect((await h.db.interactions.getInteraction(items[0]!.id))?.intent).toBe('praise')
    }, settle)
  })

  it('polls with a stored cursor, so the next poll resumes instead of re-reading', async () => {
    const tg = await h.account('telegram')
    h.telegramSim.simulateInteraction({ account: tg.auth, text: 'first' })
    h.telegramSim.simulateInteraction({ account: tg.auth, text: 'second' })
    const first = await worker.queues['process-interactions'].add('poll', {
      source: 'poll',
      accountId: tg.accountId,
    })
    await storedInteractions(tg.workspaceId, 2)
    // The first poll reads on to an empty page and saves the cursor again: the second poll must
    // start after it ends, or that late save can land over the second one's (the tick never runs
    // two polls of one account at once: their job id is the account's).
    await vi.waitFor(async () => {
      expect(['completed', 'unknown']).toContain(await first.getState())
    }, settle)
    const cursor = (await h.db.inbox.getPollCursor(tg.accountId)).cursor
    expect(cursor).not.toBeNull()
    h.telegramSim.simulateInteraction({ account: tg.auth, text: 'third' })
    await worker.queues['process-interactions'].add('poll', {
      source: 'poll',
      accountId: tg.accountId,
    })
    const items = await storedInteractions(tg.workspaceId, 3)
    expect(items.map((i) => i.text).sort()).toEqual(['first', 'second', 'third'])
    // The cursor is saved after what it read is stored (a crash in between re-reads, and the
    // unique index keeps that once), so it moves a moment after the third item appears.
    await vi.waitFor(async () => {
      expect((await h.db.inbox.getPollCursor(tg.accountId)).cursor).not.toBe(cursor)
    }, settle)
  })
})

describe('stopping the worker', () => {
  it('cuts a hung poll short instead of waiting out its timeout, and records no failure', async () => {
    // A harness of its own: the shared worker would take this poll job too.
    const own = await createEngineHarness('inbox-stop')
    try {
      const stopping = await own.startWorker({ schedule: false })
      const tg = await own.account('telegram')
      const polls = () =>
        own.telegramSim.requests.filter((r) => r.path.endsWith('/getUpdates')).length
      own.telegramSim.injectFault({ type: 'hang_after_receive' })
      await stopping.queues['process-interactions'].add('poll', {
        source: 'poll',
        accountId: tg.accountId,
      })
      await vi.waitFor(() => expect(polls()).toBe(1), settle)
      // The platform never answers; the poll's own timeout is 60 s, past this test's.
      await stopping.stop()
      expect((await own.db.inbox.getPollCursor(tg.accountId)).lastError).toBeNull()
    } finally {
      await own.close()
    }
  })
})

describe('auto-respond', () => {
  const autoRule = {
    accountId: null,
    mode: 'auto' as const,
    types: [],
    keywords: [],
    quietStart: null,
    quietEnd: null,
    hourlyCap: 10,
  }

  it('answers a question once with an AI draft, records the tier and cost; a complaint only gets a draft', async () => {
    const tg = await h.account('telegram')
    await h.db.inboxSettings.putRule(tg.workspaceId, autoRule)
    await h.db.inboxSettings.addKnowledge(tg.workspaceId, {
      question: 'Opening hours',
      answer: 'We open at 9.',
    })
    // The two jobs run concurrently: answer by what each asks, not by arrival order.
    models.respond('ollama', (messages) => {
      const asked = messages.at(-1)?.content ?? ''
      if (asked.includes('opening hours')) return { reply: 'We open at 9. See you!' }
      if (asked.includes('never arrived'))
        return { reply: 'Sorry to hear that, a colleague will call you.' }
      return undefined
    })
    h.telegramSim.simulateInteraction({ account: tg.auth, text: 'What are your opening hours?' })
    h.telegramSim.simulateInteraction({
      account: tg.auth,
      text: 'My order never arrived, I want a refund',
    })
    const before = sends()
    await worker.queues['process-interactions'].add('poll', {
      source: 'poll',
      accountId: tg.accountId,
    })
    const items = await storedInteractions(tg.workspaceId, 2)
    const question = items.find((i) => i.text!.startsWith('What'))!
    const complaint = items.find((i) => i.text!.startsWith('My order'))!
    await vi.waitFor(async () => {
      expect((await h.db.inbox.getReplyFor(question.id))?.status).toBe('sent')
      expect((await h.db.interactions.getInteraction(complaint.id))?.aiDraftText).toBeTruthy()
    }, settle)
    expect(sends() - before).toBe(1)
    expect(await h.db.inbox.getReplyFor(question.id)).toMatchObject({
      source: 'auto',
      aiTier: 'ollama',
      text: 'We open at 9. See you!',
    })
    expect(await h.db.inbox.getReplyFor(complaint.id)).toBeNull()
    const usage = await h.db.inboxSettings.usageSummary(tg.workspaceId, new Date(0))
    expect(usage).toEqual([expect.objectContaining({ tier: 'ollama', calls: 2, tokensIn: 200 })])

    // The job again (a retry, a second delivery): nothing is sent twice.
    await worker.queues['auto-respond'].add('auto-respond', { interactionId: question.id })
    const job = await worker.queues['auto-respond'].add('auto-respond', {
      interactionId: question.id,
    })
    await vi.waitFor(async () => expect(await job.isCompleted()).toBe(true), settle)
    expect(sends() - before).toBe(1)
  })

  it('never sends again a reply whose send may have landed (the connection dropped after the platform received it)', async () => {
    const tg = await h.account('telegram')
    await h.db.inboxSettings.putRule(tg.workspaceId, autoRule)
    models.script('ollama', { reply: 'Thanks for asking!' })
    h.telegramSim.injectFault(
      { type: 'drop_after_receive' },
      { match: { path: /sendMessage/ }, times: 1 },
    )
    h.telegramSim.simulateInteraction({ account: tg.auth, text: 'Do you ship abroad?' })
    const before = sends()
    await worker.queues['process-interactions'].add('poll', {
      source: 'poll',
      accountId: tg.accountId,
    })
    const [item] = await storedInteractions(tg.workspaceId, 1)
    await vi.waitFor(async () => {
      expect((await h.db.inbox.getReplyFor(item!.id))?.status).toBe('unknown')
    }, settle)
    const job = await worker.queues['auto-respond'].add('auto-respond', { interactionId: item!.id })
    await vi.waitFor(async () => expect(await job.isCompleted()).toBe(true), settle)
    expect(sends() - before).toBe(1)
    expect((await h.db.inbox.getReplyFor(item!.id))?.status).toBe('unknown')
  })

  it('holds quiet hours in the workspace zone: the draft waits for a person instead', async () => {
    const tg = await h.account('telegram')
    await h.db.inboxSettings.putRule(tg.workspaceId, {
      ...autoRule,
      quietStart: '00:00',
      quietEnd: '23:59',
    })
    models.script('ollama', { reply: 'Hello there' })
    h.telegramSim.simulateInteraction({ account: tg.auth, text: 'Is anyone there?' })
    const before = sends()
    await worker.queues['process-interactions'].add('poll', {
      source: 'poll',
      accountId: tg.accountId,
    })
    const [item] = await storedInteractions(tg.workspaceId, 1)
    await vi.waitFor(async () => {
      expect((await h.db.interactions.getInteraction(item!.id))?.aiDraftText).toBe('Hello there')
    }, settle)
    expect(sends() - before).toBe(0)
  })

  it('holds the hourly cap across concurrent jobs: past it, drafts wait', async () => {
    const tg = await h.account('telegram')
    await h.db.inboxSettings.putRule(tg.workspaceId, { ...autoRule, hourlyCap: 1 })
    models.script('ollama', { reply: 'Yes!' }, { reply: 'Yes!' }, { reply: 'Yes!' })
    for (const text of ['Is it open?', 'Can I come?', 'Do you take cards?'])
      h.telegramSim.simulateInteraction({ account: tg.auth, text })
    const before = sends()
    await worker.queues['process-interactions'].add('poll', {
      source: 'poll',
      accountId: tg.accountId,
    })
    const items = await storedInteractions(tg.workspaceId, 3)
    await vi.waitFor(async () => {
      for (const i of items)
        expect((await h.db.interactions.getInteraction(i.id))?.aiDraftText).toBe('Yes!')
    }, settle)
    await vi.waitFor(
      async () => expect(await worker.queues['auto-respond'].getActiveCount()).toBe(0),
      settle,
    )
    expect(sends() - before).toBe(1)
    expect(await h.db.inbox.countAutoReplies(tg.accountId, new Date(0))).toBe(1)
  })

  it('does not poll an account while publishing waits out its rate limit', async () => {
    const tg = await h.account('telegram')
    h.telegramSim.simulateInteraction({ account: tg.auth, text: 'during the pause' })
    // Telegram told the publisher to wait: the bot's flood limit covers getUpdates too.
    await h.redis.set(`${h.prefix}:account:${tg.accountId}:paused`, '1', 'PX', 60_000)
    const polls = () => h.telegramSim.requests.filter((r) => r.path.endsWith('/getUpdates')).length
    const before = polls()
    const job = await worker.queues['process-interactions'].add('poll', {
      source: 'poll',
      accountId: tg.accountId,
    })
    const result = await vi.waitFor(async () => {
      const done = await worker.queues['process-interactions'].getJob(job.id!)
      if (!(await done?.isCompleted())) throw new Error('not done yet')
      return done!.returnvalue as unknown
    }, settle)
    expect(result).toEqual({ skipped: 'the account is rate-limited' })
    expect(polls()).toBe(before)
    await h.redis.del(`${h.prefix}:account:${tg.accountId}:paused`)
  })
})
