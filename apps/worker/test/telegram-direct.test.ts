import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { RunningWorker } from '../src/start.js'
import { createEngineHarness, type EngineHarness } from './engine-harness.js'

// Its own database: "the only bot connected" is a statement about the whole installation.
let h: EngineHarness
let worker: RunningWorker

beforeAll(async () => {
  h = await createEngineHarness('telegram-direct')
  worker = await h.startWorker({ schedule: false })
})
afterAll(async () => {
  await h?.close()
})

async function processed(body: unknown) {
  const stored = await h.db.webhooks.storeInboundEvent({ platform: 'telegram', body })
  await worker.queues['process-interactions'].add(
    'process-interactions',
    { source: 'webhook', webhookEventId: stored.id },
    { jobId: `webhook-${stored.id}` },
  )
  return vi.waitFor(
    async () => {
      const event = await h.db.webhooks.getInboundEvent(stored.id)
      if (!event?.processedAt) throw new Error('not processed yet')
      return event
    },
    { timeout: 15_000, interval: 100 },
  )
}

describe('a Telegram private message by webhook', () => {
  it('reaches the only bot connected (an update names no bot), and nobody while two are', async () => {
    const tg = await h.account('telegram')
    const first = h.telegramSim.webhookDelivery({ account: tg.auth, text: 'Hello, are you open?' })
    await processed(JSON.parse(String(first.rawBody)))
    const inbox = await h.db.interactions.listInbox({ workspaceId: tg.workspaceId })
    expect(inbox.items.map((i) => [i.type, i.text])).toEqual([['MESSAGE', 'Hello, are you open?']])

    // With a second bot, a message that names neither is not guessed into one of them.
    const other = await h.account('telegram')
    const second = h.telegramSim.webhookDelivery({ account: tg.auth, text: 'Which bot am I?' })
    await processed(JSON.parse(String(second.rawBody)))
    for (const workspaceId of [tg.workspaceId, other.workspaceId]) {
      const items = (await h.db.interactions.listInbox({ workspaceId })).items
      expect(items.map((i) => i.text)).not.toContain('Which bot am I?')
    }
  })
})
