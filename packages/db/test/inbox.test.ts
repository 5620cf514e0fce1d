import type { Interaction } from '@statex/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../src/testing.js'
import type { TestDatabase } from '../src/testing.js'
import { scheduledPost } from './fixtures.js'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.drop()
})

let n = 0
const item = (extra: Partial<Interaction> = {}): Interaction => ({
  platform: 'linkedin',
  externalId: `ext-${(n += 1)}`,
  type: 'COMMENT',
  author: { externalId: 'person-1', name: 'Jana' },
  text: 'How much is shipping?',
  createdAt: new Date('2030-05-01T10:00:00Z'),
  raw: null,
  ...extra,
})

/** A workspace whose account published one post with external id `urn:li:share:1`. */
async function publishedPost() {
  const setup = await scheduledPost(t.db)
  const begun = await t.db.publishing.beginPublishAttempt(setup.post.id)
  if (!begun.started) throw new Error('expected to start')
  await t.db.publishing.finishPublishAttempt(begun.attempt.id, {
    outcome: 'published',
    externalId: 'urn:li:share:1',
    publishedAt: new Date(),
  })
  return setup
}

describe('ingest', () => {
  it('stores each interaction once whatever the number and order of deliveries, even concurrently', async () => {
    const { account, workspace } = await publishedPost()
    const batch = Array.from({ length: 30 }, (_, i) =>
      item({
        externalPostId: 'urn:li:share:1',
        author: { externalId: `person-${i % 5}`, name: `P${i % 5}` },
      }),
    )
    // A webhook and a poll deliver overlapping, differently ordered batches at the same moment.
    const results = await Promise.all([
      t.db.inbox.ingestInteractions(account.id, batch),
      t.db.inbox.ingestInteractions(account.id, [...batch].reverse().slice(0, 20)),
      t.db.inbox.ingestInteractions(account.id, batch.slice(10)),
    ])
    expect(results.reduce((sum, r) => sum + r.inserted, 0)).toBe(30)
    expect(results.flatMap((r) => r.awaitingReply)).toHaveLength(30)
    expect((await t.db.inbox.ingestInteractions(account.id, batch)).inserted).toBe(0)

    const page = await t.db.interactions.listInbox({ workspaceId: workspace.id, limit: 200 })
    expect(page.items).toHaveLength(30)
    // One conversation for the comments under the post, one contact per person.
    const conversations = await t.db.inbox.listConversations({ workspaceId: workspace.id })
    expect(conversations.items).toHaveLength(1)
    expect(conversations.items[0]).toMatchObject({ kind: 'comments', key: 'post:urn:li:share:1' })
    expect(new Set(page.items.map((i) => i.contactId)).size).toBe(5)
    expect(page.items.every((i) => i.inboxConversationId === conversations.items[0]!.id)).toBe(true)
  })

  it('counts likes, shares and reactions once, and keeps them out of the reply queue', async () => {
    const { account, workspace, post } = await publishedPost()
    const like = item({ type: 'LIKE', text: undefined, externalPostId: 'urn:li:share:1' })
    const share = item({ type: 'SHARE', text: undefined, externalPostId: 'urn:li:share:1' })
    const first = await t.db.inbox.ingestInteractions(account.id, [like, share])
    expect(first).toEqual({ inserted: 2, awaitingReply: [] })
    await t.db.inbox.ingestInteractions(account.id, [
      like,
      share,
      { ...like, externalId: 'like-2' },
    ])
    const counts = await t.db.inbox.interactionCounts(post.id)
    expect(counts).toEqual({ LIKE: 2, SHARE: 1 })
    expect((await t.db.inbox.listConversations({ workspaceId: workspace.id })).items).toHaveLength(
      0,
    )
  })

  it('groups messages by chat with the author as contact, skips our own, and reopens a resolved one', async () => {
    const { account, workspace } = await publishedPost()
    const own = item({
      type: 'MESSAGE',
      conversationId: 'chat-9',
      author: { externalId: account.externalAccountId },
    })
    const first = item({
      type: 'MESSAGE',
      conversationId: 'chat-9',
      createdAt: new Date('2030-05-01T10:00:00Z'),
    })
    const result = await t.db.inbox.ingestInteractions(account.id, [own, first])
    expect(result.inserted).toBe(2)
    expect(result.awaitingReply).toHaveLength(1)
    const [conversation] = (await t.db.inbox.listConversations({ workspaceId: workspace.id })).items
    expect(conversation).toMatchObject({ kind: 'direct', key: 'chat:chat-9', status: 'open' })
    expect(conversation!.contactId).not.toBeNull()
    expect(conversation!.lastInboundAt).toEqual(first.createdAt)

    await t.db.inbox.updateConversation(workspace.id, conversation!.id, { status: 'resolved' })
    const later = item({
      type: 'MESSAGE',
      conversationId: 'chat-9',
      createdAt: new Date('2030-05-02T10:00:00Z'),
    })
    await t.db.inbox.ingestInteractions(account.id, [later])
    const reopened = await t.db.inbox.getConversation(workspace.id, conversation!.id)
    expect(reopened).toMatchObject({ status: 'open', resolvedAt: null })
    expect(reopened!.lastInboundAt).toEqual(later.createdAt)
    // A repeat of an old message does not reopen it.
    await t.db.inbox.updateConversation(workspace.id, conversation!.id, { status: 'resolved' })
    await t.db.inbox.ingestInteractions(account.id, [later])
    expect((await t.db.inbox.getConversation(workspace.id, conversation!.id))!.status).toBe(
      'resolved',
    )
  })
})

describe('conversations and replies', () => {
  it('claims a reply once, records the first response and resolution, and keeps an unknown outcome', async () => {
    const { account, workspace, user } = await publishedPost()
    const message = item({ type: 'MESSAGE', conversationId: 'chat-r' })
    const { awaitingReply } = await t.db.inbox.ingestInteractions(account.id, [message])
    const id = awaitingReply[0]!
    const claim = await t.db.inbox.claimReply({
      interactionId: id,
      text: 'Hi',
      source: 'manual',
      actor: `user:${user.id}`,
    })
    expect(claim.claimed).toBe(true)
    const again = await t.db.inbox.claimReply({
      interactionId: id,
      text: 'Hi again',
      source: 'auto',
      actor: 'worker',
    })
    expect(again).toMatchObject({ claimed: false, reply: { status: 'sending', text: 'Hi' } })
    const sent = await t.db.inbox.finishReply(claim.reply!.id, {
      status: 'sent',
      externalId: 'm-1',
      at: new Date('2030-05-01T10:05:00Z'),
    })
    expect(sent).toMatchObject({ status: 'sent', externalId: 'm-1' })
    const timeline = await t.db.inbox.getTimeline(
      workspace.id,
      (await t.db.interactions.getInteraction(id))!.inboxConversationId!,
    )
    expect(timeline!.replies).toHaveLength(1)
    expect(timeline!.conversation.firstResponseMs).toBe(5 * 60_000)
    expect(timeline!.interactions[0]!.repliedAt).toEqual(new Date('2030-05-01T10:05:00Z'))

    const other = (
      await t.db.inbox.ingestInteractions(account.id, [
        item({ type: 'MESSAGE', conversationId: 'chat-u' }),
      ])
    ).awaitingReply[0]!
    const c2 = await t.db.inbox.claimReply({
      interactionId: other,
      text: 'x',
      source: 'auto',
      actor: 'worker',
    })
    await t.db.inbox.finishReply(c2.reply!.id, { status: 'unknown', error: 'timed out' })
    expect(
      (
        await t.db.inbox.claimReply({
          interactionId: other,
          text: 'y',
          source: 'manual',
          actor: 'worker',
        })
      ).claimed,
    ).toBe(false)
    expect(await t.db.inbox.countAutoReplies(account.id, new Date(0))).toBe(1)

    const third = (
      await t.db.inbox.ingestInteractions(account.id, [
        item({ type: 'MESSAGE', conversationId: 'chat-n' }),
      ])
    ).awaitingReply[0]!
    const c3 = await t.db.inbox.claimReply({
      interactionId: third,
      text: 'x',
      source: 'manual',
      actor: 'worker',
    })
    await t.db.inbox.finishReply(c3.reply!.id, { status: 'not_sent', error: 'refused' })
    expect(
      (
        await t.db.inbox.claimReply({
          interactionId: third,
          text: 'y',
          source: 'manual',
          actor: 'worker',
        })
      ).claimed,
    ).toBe(true)
  })

  it('holds the hourly cap of automatic replies under concurrent claims', async () => {
    const { account } = await publishedPost()
    const { awaitingReply } = await t.db.inbox.ingestInteractions(
      account.id,
      Array.from({ length: 6 }, (_, i) =>
        item({ type: 'MESSAGE', conversationId: `chat-cap-${i}` }),
      ),
    )
    const claims = await Promise.all(
      awaitingReply.map((interactionId) =>
        t.db.inbox.claimReply({
          interactionId,
          text: 'Hi',
          source: 'auto',
          actor: 'worker',
          hourlyCap: 2,
        }),
      ),
    )
    expect(claims.filter((c) => c.claimed)).toHaveLength(2)
    expect(claims.filter((c) => c.capped)).toHaveLength(4)
    // An hour later the cap has room again.
    const later = new Date(Date.now() + 3_600_001)
    const next = await t.db.inbox.claimReply({
      interactionId: awaitingReply[claims.findIndex((c) => c.capped)]!,
      text: 'Hi',
      source: 'auto',
      actor: 'worker',
      hourlyCap: 2,
      now: later,
    })
    expect(next.claimed).toBe(true)
  })

  it('sets status, snooze, assignee, labels and notes, refusing what cannot be', async () => {
    const { account, workspace, user } = await publishedPost()
    await t.db.inbox.ingestInteractions(account.id, [
      item({ type: 'MESSAGE', conversationId: 'chat-s' }),
    ])
    const [c] = (await t.db.inbox.listConversations({ workspaceId: workspace.id })).items
    await expect(
      t.db.inbox.updateConversation(workspace.id, c!.id, { status: 'snoozed' }),
    ).rejects.toThrow(/snoozedUntil/)
    await expect(
      t.db.inbox.updateConversation(workspace.id, c!.id, {
        assigneeUserId: '00000000-0000-4000-8000-000000000000',
      }),
    ).rejects.toThrow(/not a member/)
    const updated = await t.db.inbox.updateConversation(workspace.id, c!.id, {
      status: 'pending',
      assigneeUserId: user.id,
      labels: ['billing', ' billing ', 'vip'],
    })
    expect(updated).toMatchObject({
      status: 'pending',
      assigneeUserId: user.id,
      labels: ['billing', 'vip'],
    })
    const byLabel = await t.db.inbox.listConversations({ workspaceId: workspace.id, label: 'vip' })
    expect(byLabel.items.map((x) => x.id)).toEqual([c!.id])
    await t.db.inbox.addNote(workspace.id, c!.id, {
      author: `user:${user.id}`,
      text: 'Called them',
    })
    expect((await t.db.inbox.getTimeline(workspace.id, c!.id))!.notes.map((x) => x.text)).toEqual([
      'Called them',
    ])
    // A snooze that has passed opens the conversation again on the next read.
    const soon = new Date(Date.now() + 60_000)
    await t.db.inbox.updateConversation(workspace.id, c!.id, {
      status: 'snoozed',
      snoozedUntil: soon,
    })
    expect((await t.db.inbox.getConversation(workspace.id, c!.id))!.status).toBe('snoozed')
    const later = new Date(soon.getTime() + 1)
    expect((await t.db.inbox.getConversation(workspace.id, c!.id, later))!.status).toBe('open')
  })

  it('finds FAQ entries by full-text search and keeps one workspace-wide rule', async () => {
    const { workspace, account } = await publishedPost()
    await t.db.inboxSettings.addKnowledge(workspace.id, {
      question: 'Shipping costs',
      answer: 'Shipping is free over 50 EUR.',
    })
    await t.db.inboxSettings.addKnowledge(workspace.id, {
      question: 'Opening hours',
      answer: 'Mon–Fri 9–17.',
    })
    const found = await t.db.inboxSettings.searchKnowledge(
      workspace.id,
      'How much is shipping to Brno?',
    )
    expect(found.map((f) => f.question)).toEqual(['Shipping costs'])
    const rule = {
      accountId: null,
      mode: 'suggest' as const,
      types: [],
      keywords: [],
      quietStart: null,
      quietEnd: null,
      hourlyCap: 5,
    }
    await t.db.inboxSettings.putRule(workspace.id, rule)
    await t.db.inboxSettings.putRule(workspace.id, { ...rule, mode: 'auto' })
    expect(await t.db.inboxSettings.listRules(workspace.id)).toHaveLength(1)
    expect((await t.db.inboxSettings.ruleFor(workspace.id, account.id))!.mode).toBe('auto')
    await t.db.inboxSettings.putRule(workspace.id, { ...rule, accountId: account.id, mode: 'off' })
    expect((await t.db.inboxSettings.ruleFor(workspace.id, account.id))!.mode).toBe('off')
    await expect(
      t.db.inboxSettings.putRule(workspace.id, { ...rule, quietStart: '22:00' }),
    ).rejects.toThrow(/both/)
  })
})
