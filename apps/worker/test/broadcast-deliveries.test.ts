import { STATUS_DELAYS, SIMULATED_CUSTOMERS } from '@statex/whatsapp/testing'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { RunningWorker } from '../src/start.js'
import { createEngineHarness, type EngineHarness } from './engine-harness.js'

let h: EngineHarness
let worker: RunningWorker

beforeAll(async () => {
  h = await createEngineHarness('deliveries')
  worker = await h.startWorker()
})
afterAll(async () => {
  await h?.close()
})

const settle = { timeout: 20_000, interval: 100 }

/** A status webhook as the API stores and queues it. */
async function process(body: unknown) {
  const stored = await h.db.webhooks.storeInboundEvent({ platform: 'whatsapp', body })
  await worker.queues['process-interactions'].add(
    'process-interactions',
    { source: 'webhook', webhookEventId: stored.id },
    { jobId: `webhook-${stored.id}` },
  )
  await vi.waitFor(async () => {
    if (!(await h.db.webhooks.getInboundEvent(stored.id))?.processedAt)
      throw new Error('not processed yet')
  }, settle)
}

const statusesIn = (rawBody: string) =>
  (
    JSON.parse(rawBody) as {
      entry: { changes: { value: { statuses?: { id: string; status: string }[] } }[] }[]
    }
  ).entry.flatMap((e) => e.changes.flatMap((c) => c.value.statuses ?? []))

describe("a WhatsApp broadcast's deliveries", () => {
  it('are stored per recipient when it is published and moved by status webhooks, only ever forward', async () => {
    const wa = await h.account('whatsapp')
    const [ava, oliver] = [SIMULATED_CUSTOMERS[0]!, SIMULATED_CUSTOMERS[1]!]
    const group = await h.db.posts.createPostGroup({
      workspaceId: wa.workspaceId,
      content: {
        text: 'Spring opening hours',
        options: { whatsapp: { recipients: [`+${ava.waId}`, `+${oliver.waId}`] } },
      },
      targets: [{ accountId: wa.accountId }],
      scheduledAt: new Date(Date.now() - 1_000),
      timeZone: 'UTC',
      actor: 'user:test',
    })
    const targetId = group.targets[0]!.id
    const published = await vi.waitFor(async () => {
      const post = await h.db.posts.getPost(targetId)
      if (post?.status !== 'PUBLISHED') throw new Error(`target is ${post?.status}`)
      return post
    }, settle)
    expect(published.deliveries).toEqual([
      {
        recipient: `+${ava.waId}`,
        externalId: expect.stringMatching(/^wamid\./),
        status: 'accepted',
      },
      {
        recipient: `+${oliver.waId}`,
        externalId: expect.stringMatching(/^wamid\./),
        status: 'accepted',
      },
    ])
    const [toAva, toOliver] = published.deliveries!.map((d) => d.externalId)

    // The simulator reports sent, delivered and read for each message as its clock passes them.
    h.whatsappSim.advance(STATUS_DELAYS.read + 1_000)
    const ours = new Set([toAva, toOliver])
    const pushed = h.whatsappSim.webhookLog.filter((entry) =>
      statusesIn(entry.delivery.rawBody).some((s) => ours.has(s.id)),
    )
    const reports = pushed.flatMap((entry) => statusesIn(entry.delivery.rawBody))
    expect(reports.filter((s) => s.id === toAva).map((s) => s.status)).toEqual([
      'sent',
      'delivered',
      'read',
    ])
    const deliveredToOliver = pushed.find((entry) =>
      statusesIn(entry.delivery.rawBody).some((s) => s.id === toOliver && s.status === 'delivered'),
    )!
    for (const entry of pushed) await process(JSON.parse(entry.delivery.rawBody))
    // Meta retries and reorders: a late `delivered` after `read` changes nothing.
    await process(JSON.parse(deliveredToOliver.delivery.rawBody))

    const after = await h.db.posts.getPost(targetId)
    expect(after?.deliveries?.map((d) => [d.externalId, d.status])).toEqual([
      [toAva, 'read'],
      [toOliver, 'read'],
    ])
  })
})
