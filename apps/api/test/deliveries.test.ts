import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  env = await setup('deliveries')
})
afterAll(async () => {
  await env.close()
})

describe("a broadcast's post view", () => {
  it('shows each recipient’s delivery status as the status webhooks left it; other posts have none', async () => {
    const { db, a } = env
    const group = await db.posts.createPostGroup({
      workspaceId: a.workspaceId,
      createdByUserId: a.ownerId,
      content: {
        text: 'Opening hours',
        options: { whatsapp: { recipients: ['+420600000001', '+420600000002'] } },
      },
      targets: [{ accountId: a.accounts.whatsapp }, { accountId: a.accounts.telegram }],
      scheduledAt: new Date(),
      timeZone: 'UTC',
      actor: 'test',
    })
    const whatsapp = group.targets.find((t) => t.accountId === a.accounts.whatsapp)!
    await db.posts.saveDeliveries(whatsapp.id, [
      { recipient: '+420600000001', externalId: 'wamid.one', status: 'accepted' },
      { recipient: '+420600000002', externalId: 'wamid.two', status: 'accepted' },
    ])
    const accountIds = [a.accounts.whatsapp]
    expect(
      await db.posts.applyDeliveryStatus({ accountIds, messageId: 'wamid.one', status: 'read' }),
    ).toBe(1)
    await db.posts.applyDeliveryStatus({
      accountIds,
      messageId: 'wamid.two',
      status: 'failed',
      error: { code: 131026, message: 'Message undeliverable' },
    })
    // Another workspace's number never touches this broadcast.
    expect(
      await db.posts.applyDeliveryStatus({
        accountIds: [env.b.accounts.whatsapp],
        messageId: 'wamid.one',
        status: 'delivered',
      }),
    ).toBe(0)

    const answer = await env.app.inject({
      method: 'GET',
      url: `/v1/posts/${group.id}`,
      headers: bearer(a.keys.viewer),
    })
    expect(answer.statusCode, answer.body).toBe(200)
    const targets = answer.json().post.targets as { accountId: string; deliveries: unknown }[]
    expect(targets.find((t) => t.accountId === a.accounts.whatsapp)!.deliveries).toEqual([
      { recipient: '+420600000001', externalId: 'wamid.one', status: 'read' },
      {
        recipient: '+420600000002',
        externalId: 'wamid.two',
        status: 'failed',
        error: { code: 131026, message: 'Message undeliverable' },
      },
    ])
    expect(targets.find((t) => t.accountId === a.accounts.telegram)!.deliveries).toBeNull()
  })
})
