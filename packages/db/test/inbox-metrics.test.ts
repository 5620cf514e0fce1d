import type { Interaction } from '@statex/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../src/testing.js'
import type { TestDatabase } from '../src/testing.js'
import { connectedAccount, scheduledPost } from './fixtures.js'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.drop()
})

const comment = (
  externalId: string,
  createdAt: Date,
  extra: Partial<Interaction> = {},
): Interaction => ({
  platform: 'linkedin',
  externalId,
  type: 'COMMENT',
  author: { externalId: `author-${externalId}`, name: 'Jana' },
  text: `comment ${externalId}`,
  createdAt,
  raw: { id: externalId },
  ...extra,
})

describe('interactions', () => {
  it('ignores an interaction already stored for the account, and links comments to our post', async () => {
    const { workspace, account, post } = await scheduledPost(t.db)
    const begun = await t.db.publishing.beginPublishAttempt(post.id)
    if (!begun.started) throw new Error('expected to start')
    await t.db.publishing.finishPublishAttempt(begun.attempt.id, {
      outcome: 'published',
      externalId: 'urn:li:share:9',
      publishedAt: new Date(),
    })

    const at = new Date('2030-05-01T10:00:00Z')
    expect(
      await t.db.interactions.upsertInteractions(account.id, [
        comment('c1', at, { externalPostId: 'urn:li:share:9' }),
        comment('c2', at),
      ]),
    ).toEqual({ inserted: 2 })
    // The webhook and the poller both deliver c1; c1 is stored once.
    expect(
      await t.db.interactions.upsertInteractions(account.id, [
        comment('c1', at, { text: 'edited' }),
        comment('c3', at),
      ]),
    ).toEqual({ inserted: 1 })
    const page = await t.db.interactions.listInbox({ workspaceId: workspace.id })
    expect(page.items.map((item) => item.externalId).sort()).toEqual(['c1', 'c2', 'c3'])
    const c1 = page.items.find((item) => item.externalId === 'c1')!
    expect(c1).toMatchObject({
      postId: post.id,
      text: 'comment c1',
      platform: 'linkedin',
      author: { externalId: 'author-c1', name: 'Jana', handle: null },
    })
    // The same external id on another account is a different interaction.
    const other = await t.db.accounts.connectAccount(workspace.id, connectedAccount())
    expect(await t.db.interactions.upsertInteractions(other.id, [comment('c1', at)])).toEqual({
      inserted: 1,
    })
  })

  it('pages the inbox newest first without gaps or repeats', async () => {
    const { workspace, account } = await scheduledPost(t.db)
    const base = Date.parse('2030-06-01T00:00:00Z')
    // Two share a timestamp so the id tie-break is exercised.
    const items = Array.from({ length: 7 }, (_, i) =>
      comment(`p${i}`, new Date(base + Math.min(i, 5) * 60_000)),
    )
    await t.db.interactions.upsertInteractions(account.id, items)
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await t.db.interactions.listInbox({
        workspaceId: workspace.id,
        limit: 3,
        ...(cursor ? { cursor } : {}),
      })
      seen.push(...page.items.map((item) => item.externalId))
      cursor = page.nextCursor ?? undefined
      pages += 1
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen).toHaveLength(7)
    expect(new Set(seen).size).toBe(7)
    expect(seen.slice(2)).toEqual(['p4', 'p3', 'p2', 'p1', 'p0'])
    await expect(
      t.db.interactions.listInbox({ workspaceId: workspace.id, cursor: 'garbage' }),
    ).rejects.toThrow(/cursor/)
  })

  it('stores an AI draft with its tier, then the reply', async () => {
    const { workspace, account } = await scheduledPost(t.db)
    await t.db.interactions.upsertInteractions(account.id, [comment('r1', new Date())])
    const [item] = (await t.db.interactions.listInbox({ workspaceId: workspace.id })).items
    expect(
      await t.db.interactions.saveAiDraft(item!.id, { text: 'Thanks!', tier: 'ollama' }),
    ).toMatchObject({ aiDraftText: 'Thanks!', aiTier: 'ollama', repliedAt: null })
    const replied = await t.db.interactions.markReplied(item!.id, { externalId: 'reply-1' })
    expect(replied).toMatchObject({ replyExternalId: 'reply-1' })
    expect(replied.repliedAt).toBeInstanceOf(Date)
    expect(
      (await t.db.interactions.listInbox({ workspaceId: workspace.id, unrepliedOnly: true })).items,
    ).toEqual([])
  })
})

describe('metric snapshots', () => {
  it('returns a post’s series in time order within [from, to), without duplicates', async () => {
    const { post } = await scheduledPost(t.db)
    const at = (h: number) => new Date(Date.UTC(2030, 0, 1, h))
    const inserted = await t.db.metrics.insertMetricSnapshots([
      { postId: post.id, collectedAt: at(3), likes: 30, impressions: 300, raw: { h: 3 } },
      { postId: post.id, collectedAt: at(1), likes: 10, raw: { h: 1 } },
      { postId: post.id, collectedAt: at(2), likes: 20, views: 5, raw: { h: 2 } },
      { postId: post.id, collectedAt: at(5), likes: 50, raw: { h: 5 } },
    ])
    expect(inserted).toEqual({ inserted: 4 })
    expect(
      await t.db.metrics.insertMetricSnapshots([
        { postId: post.id, collectedAt: at(2), likes: 999, raw: {} },
      ]),
    ).toEqual({ inserted: 0 })
    const series = await t.db.metrics.listMetricSeries(post.id, { from: at(1), to: at(5) })
    expect(series.map((point) => [point.collectedAt.toISOString(), point.likes])).toEqual([
      [at(1).toISOString(), 10],
      [at(2).toISOString(), 20],
      [at(3).toISOString(), 30],
    ])
    expect(series[1]).toMatchObject({ views: 5, impressions: null, reach: null, raw: { h: 2 } })
  })
})
