import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import { createTestDatabase, type TestDatabase } from '@statex/db/testing'
import { buildProviderRegistry, loadPlatformConfig } from '@statex/providers'
import { createLogger } from '@statex/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Queue } from 'bullmq'
import { createEngineEvents } from '../src/engine/events.js'
import { createFeedPoller } from '../src/feeds/poll-feeds.js'
import { connectRedis, deletePrefix, uniquePrefix } from './support.js'
import { parseFeed } from '../src/feeds/parse-feed.js'

let t: TestDatabase
let server: Server
let origin: string
const hits: { path: string; ifNoneMatch?: string }[] = []
// What each path serves; tests change it between polls.
const documents = new Map<string, { body: string; status?: number }>()

beforeAll(async () => {
  t = await createTestDatabase()
  server = createServer((request, response) => {
    const path = request.url ?? '/'
    const ifNoneMatch = request.headers['if-none-match']
    hits.push({ path, ...(ifNoneMatch ? { ifNoneMatch } : {}) })
    const doc = documents.get(path)
    if (!doc || doc.status) return response.writeHead(doc?.status ?? 404).end('nope')
    const etag = `"${Buffer.from(doc.body).length}"`
    if (ifNoneMatch === etag) return response.writeHead(304, { etag }).end()
    response.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(doc.body)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(async () => {
  server.close()
  await t?.drop()
})

const log = createLogger('test', 'silent')
const providers = buildProviderRegistry(
  loadPlatformConfig({ STATEX_SANDBOX_URL: 'http://127.0.0.1:9' }),
).providers

const rss = (items: { guid: string; title: string; date: Date }[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>${items
    .map(
      (i) =>
        `<item><guid>${i.guid}</guid><title>${i.title}</title><link>https://blog.example.com/${i.guid}</link><description><![CDATA[<p>About <b>${i.title}</b> &amp; more</p>]]></description><pubDate>${i.date.toUTCString()}</pubDate></item>`,
    )
    .join('')}</channel></rss>`

async function workspaceWithFeed(path: string, mode: 'draft' | 'next_slot' = 'draft') {
  const user = await t.db.users.createUser({ email: `feed-${Math.random()}@example.test` })
  const ws = await t.db.workspaces.createWorkspace({ name: 'feeds', ownerUserId: user.id })
  const account = await t.db.accounts.connectAccount(ws.id, {
    platform: 'telegram',
    externalAccountId: `@feed${Math.random()}`,
    displayName: 'Blog channel',
    tokens: { accessToken: 'token' },
  })
  const feed = await t.db.feeds.createFeed({
    workspaceId: ws.id,
    url: `${origin}${path}`,
    accountIds: [account.id],
    mode,
    templates: { telegram: 'New: {title}\n{summary}\n{link}' },
    pollIntervalMinutes: 30,
  })
  return { ws, account, feed }
}

const poller = (now: Date, allowPrivate = true) =>
  createFeedPoller({ db: t.db, providers, log, allowPrivate, now: () => now })

describe('parseFeed', () => {
  it('reads RSS and Atom entries by guid or id, falling back to the link', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:1</id><title type="html">A &amp; B</title><link rel="alternate" href="https://x.example/1"/><summary>Short</summary><updated>2026-01-01T00:00:00Z</updated></entry><entry><title>No id</title><link href="https://x.example/2"/></entry></feed>`
    expect(parseFeed(atom)).toEqual([
      {
        key: 'urn:1',
        title: 'A & B',
        link: 'https://x.example/1',
        summary: 'Short',
        publishedAt: new Date('2026-01-01T00:00:00Z'),
      },
      {
        key: 'https://x.example/2',
        title: 'No id',
        link: 'https://x.example/2',
        summary: null,
        publishedAt: null,
      },
    ])
    expect(() => parseFeed('<html><body>hi</body></html>')).toThrow(
      /not an RSS 2.0 or Atom feed \(its root element is <html>\)/,
    )
    expect(() => parseFeed('<!DOCTYPE x [<!ENTITY a "b">]><rss/>')).toThrow(
      /declares its own XML entities/,
    )
  })
})

describe('the feed poller', () => {
  it('takes in a feed’s old items without posting them, posts a new one once (even after a restart), and asks with If-None-Match', async () => {
    const path = '/blog.xml'
    const { feed } = await workspaceWithFeed(path)
    const old = new Date(feed.createdAt.getTime() - 86_400_000)
    documents.set(path, { body: rss([{ guid: 'old-1', title: 'Old post', date: old }]) })
    const start = new Date(Date.now() + 1000)
    expect(await poller(start).tick()).toEqual({ polled: 1, posted: 0 })

    const fresh = new Date(feed.createdAt.getTime() + 60_000)
    documents.set(path, {
      body: rss([
        { guid: 'new-1', title: 'Spring menu', date: fresh },
        { guid: 'old-1', title: 'Old post', date: old },
      ]),
    })
    const later = new Date(start.getTime() + 31 * 60_000)
    expect(await poller(later).tick()).toEqual({ polled: 1, posted: 1 })
    // A restarted poller (a new instance) reading the same items in a changed document (a new
    // ETag, so a full 200) posts nothing more: the stored items decide, not memory.
    documents.set(path, { body: `${documents.get(path)!.body}\n` })
    const current = () => t.db.feeds.getFeed(feed.workspaceId, feed.id)
    expect((await poller(later).pollOne((await current())!)).posted).toBe(0)
    // Unchanged since: a conditional request, answered 304.
    expect((await poller(later).pollOne((await current())!)).posted).toBe(0)
    expect(hits.at(-1)!.ifNoneMatch).toBe(`"${Buffer.from(documents.get(path)!.body).length}"`)

    const items = await t.db.feeds.listFeedItems(feed.id)
    const posted = items.filter((i) => i.groupId)
    expect(posted.map((i) => i.key)).toEqual(['new-1'])
    const post = (await t.db.posts.getPostGroup(posted[0]!.groupId!))!
    expect(post.targets[0]!.status).toBe('DRAFT')
    expect(post.targets[0]!.content.text).toBe(
      'New: Spring menu\nAbout Spring menu & more\nhttps://blog.example.com/new-1',
    )
  })

  it('puts new items into the next free posting slots in next_slot mode', async () => {
    const path = '/slots.xml'
    const { ws, feed } = await workspaceWithFeed(path, 'next_slot')
    await t.db.slots.setPostingSchedule(ws.id, {
      timeZone: 'UTC',
      slots: [
        { weekday: 1, time: '09:00' },
        { weekday: 4, time: '09:00' },
      ],
    })
    const fresh = new Date(feed.createdAt.getTime() + 60_000)
    documents.set(path, {
      body: rss([
        { guid: 'a', title: 'First', date: fresh },
        { guid: 'b', title: 'Second', date: fresh },
      ]),
    })
    expect((await poller(new Date(Date.now() + 1000)).tick()).posted).toBe(2)
    const items = await t.db.feeds.listFeedItems(feed.id)
    const times = await Promise.all(
      items.map(async (i) => (await t.db.posts.getPostGroup(i.groupId!))!.targets[0]!),
    )
    expect(times.every((x) => x.status === 'SCHEDULED')).toBe(true)
    const [x, y] = times.map((x) => x.scheduledAt!.getTime())
    expect(x).not.toBe(y)
  })

  it('in a workspace that requires approval, sends slotted items to review and announces each as submitted', async () => {
    const path = '/review.xml'
    const { ws, feed } = await workspaceWithFeed(path, 'next_slot')
    await t.db.slots.setPostingSchedule(ws.id, {
      timeZone: 'UTC',
      slots: [{ weekday: 2, time: '10:00' }],
    })
    await t.db.approvals.setPolicy(ws.id, {
      required: true,
      approverRole: 'owner',
      approverUserIds: [],
    })
    const endpoint = await t.db.webhooks.createEndpoint({
      workspaceId: ws.id,
      url: 'https://hooks.example.test/statex',
      events: ['post.submitted'],
      secret: 'whsec_feed_test',
    })
    const fresh = new Date(feed.createdAt.getTime() + 60_000)
    documents.set(path, { body: rss([{ guid: 'r1', title: 'For review', date: fresh }]) })
    const redis = connectRedis()
    const prefix = uniquePrefix('feed-events')
    const queue = new Queue('webhook-deliveries', { connection: redis, prefix })
    try {
      const events = createEngineEvents({ db: t.db, queue, log })
      const poll = createFeedPoller({
        db: t.db,
        providers,
        log,
        events,
        allowPrivate: true,
        now: () => new Date(Date.now() + 1000),
      })
      expect((await poll.tick()).posted).toBe(1)
      const [item] = await t.db.feeds.listFeedItems(feed.id)
      const post = (await t.db.posts.getPostGroup(item!.groupId!))!
      expect(post.targets[0]!.status).toBe('IN_REVIEW')
      const deliveries = await t.db.webhooks.listDeliveries(ws.id, endpoint.id)
      expect(
        deliveries.map((d) => [
          d.eventType,
          (d.payload as { data: { postId: string } }).data.postId,
        ]),
      ).toEqual([['post.submitted', post.id]])
      expect(await queue.getJobCounts()).toMatchObject({ waiting: 1 })
    } finally {
      await queue.close()
      await deletePrefix(redis, prefix)
      redis.disconnect()
    }
  })

  it('reports a broken feed and backs off instead of retrying at once; a private address is refused', async () => {
    const path = '/broken.xml'
    const { feed } = await workspaceWithFeed(path)
    documents.set(path, { body: '', status: 500 })
    const now = new Date(Date.now() + 1000)
    await poller(now).tick()
    let stored = (await t.db.feeds.getFeed(feed.workspaceId, feed.id))!
    expect(stored.consecutiveFailures).toBe(1)
    expect(stored.lastError).toBe('The feed answered HTTP 500.')
    expect(stored.nextPollAt.getTime() - now.getTime()).toBe(2 * 30 * 60_000)
    // Not due again a minute later.
    const hitsBefore = hits.length
    await poller(new Date(now.getTime() + 60_000)).tick()
    expect(hits.filter((h) => h.path === path)).toHaveLength(
      hits.slice(0, hitsBefore).filter((h) => h.path === path).length,
    )

    const { feed: local } = await workspaceWithFeed('/blog.xml')
    await poller(new Date(Date.now() + 1000), false).pollOne(local)
    stored = (await t.db.feeds.getFeed(local.workspaceId, local.id))!
    expect(stored.lastError).toMatch(/private/)
  })
})
