import type { Notification } from '@statex/db'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDigestTick, digestBody, localHour } from '../src/notifications/digest.js'
import { createRefreshTokensProcessor } from '../src/engine/refresh-tokens.js'
import { createTokenService } from '../src/engine/token-service.js'
import { createNotices } from '../src/notifications/notices.js'
import { createEngineHarness, type EngineHarness } from './engine-harness.js'
import type { RunningWorker } from '../src/start.js'
import { startSmtpCatcher } from './smtp-catcher.js'

let h: EngineHarness
let worker: RunningWorker
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>
let ownerId: string
let ownerEmail: string

beforeAll(async () => {
  smtp = await startSmtpCatcher()
  h = await createEngineHarness('notify')
  worker = await h.startWorker({
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_USER: 'catcher',
      SMTP_PASSWORD: 'smtp-SECRET-password',
      STATEX_WEB_URL: 'http://dashboard.test',
    },
  })
  const probe = await h.account('telegram')
  const [owner] = await h.db.notifications.membersWithRole(probe.workspaceId, ['owner'])
  ownerId = owner!
  ownerEmail = (await h.db.users.getUser(ownerId))!.email
})
afterAll(async () => {
  await h?.close()
  await smtp?.close()
})

async function schedule(account: { workspaceId: string; accountId: string }, text: string) {
  const group = await h.db.posts.createPostGroup({
    workspaceId: account.workspaceId,
    content: { text },
    targets: [{ accountId: account.accountId }],
    scheduledAt: new Date(Date.now() - 100),
    actor: 'user:test',
  })
  return { group, target: group.targets[0]! }
}

async function bell(workspaceId: string, count: number): Promise<Notification[]> {
  return vi.waitFor(
    async () => {
      const page = await h.db.notifications.list({ userId: ownerId, workspaceId })
      if (page.items.length < count) throw new Error(`${page.items.length} notifications so far`)
      return page.items
    },
    { timeout: 20_000, interval: 50 },
  )
}

const mailsAbout = (subject: RegExp) => smtp.mails.filter((m) => subject.test(m.subject))

describe('notifications from the engine', () => {
  it('a failed post notifies its owner once, in the bell and by email through SMTP', async () => {
    const tg = await h.account('telegram')
    h.telegramSim.injectFault(
      { type: 'reject_content', message: 'Bad Request: message text is empty' },
      { match: { path: tg.auth.accessToken } },
    )
    const { group } = await schedule(tg, 'Our spring sale starts today')
    const [n] = await bell(tg.workspaceId, 1)
    expect(n).toMatchObject({
      kind: 'post_failed',
      postId: group.id,
      link: `/posts?post=${group.id}`,
    })
    expect(n!.title).toMatch(/A post failed on Telegram/)
    const mail = await vi.waitFor(
      () => {
        const found = mailsAbout(/A post failed on Telegram/).find((m) => m.text.includes(group.id))
        if (!found) throw new Error('no mail yet')
        return found
      },
      { timeout: 20_000, interval: 50 },
    )
    expect(mail.to).toEqual([ownerEmail])
    expect(smtp.logins).toContain('catcher')
    expect(mail.text).toContain(`http://dashboard.test/posts?post=${group.id}`)
    expect(mail.text).toContain('Our spring sale starts today')
    await vi.waitFor(
      async () => expect((await h.db.notifications.getPendingEmail(n!.id)) ?? 'sent').toBe('sent'),
      { timeout: 10_000 },
    )
    // The same outcome settled again (another worker, a retried job) tells nobody twice.
    const notices = createNotices({ db: h.db, queue: worker.notifications.queue, log: noLog })
    await notices.postSettled(group.id, 'failed', true)
    expect(await bell(tg.workspaceId, 1)).toHaveLength(1)
    // Neither the SMTP password nor the address is in any log line.
    const logs = JSON.stringify(h.logLines)
    expect(logs).not.toContain('smtp-SECRET-password')
    expect(logs).not.toContain(ownerEmail)
  }, 60_000)

  it('an outcome the platform cannot be asked about asks a person, once', async () => {
    const tg = await h.account('telegram')
    h.telegramSim.injectFault(
      { type: 'drop_after_receive' },
      { match: { path: tg.auth.accessToken } },
    )
    const { group } = await schedule(tg, 'Dropped after receipt')
    const [n] = await bell(tg.workspaceId, 1)
    expect(n).toMatchObject({ kind: 'post_unknown', postId: group.id })
    expect(n!.title).toMatch(/did this post go out\?/)
    const notices = createNotices({ db: h.db, queue: worker.notifications.queue, log: noLog })
    await notices.postSettled(group.id, 'needs_review', false)
    expect(await bell(tg.workspaceId, 1)).toHaveLength(1)
  })

  it('an account lapsing within a week (found by the token check) and one needing reconnection notify once each', async () => {
    const tg = await h.account('telegram')
    const lapse = new Date(Date.now() + 3 * 24 * 3_600_000)
    // No refresh token: the access token's expiry is the end, unless a person reconnects.
    await h.db.accounts.updateTokens(tg.accountId, {
      accessToken: tg.auth.accessToken,
      expiresAt: lapse,
    })
    const account = (await h.db.accounts.getAccount(tg.accountId))!
    const notices = createNotices({ db: h.db, queue: worker.notifications.queue, log: noLog })
    const check = createRefreshTokensProcessor({
      db: h.db,
      tokens: createTokenService({
        needsReconnect: async () => undefined,
        db: h.db,
        redis: h.redis,
        prefix: h.prefix,
        providers: h.providers,
      }),
      providers: h.providers,
      log: noLog,
      notices,
    })
    // Every 15 minutes in production: the second run finds the same expiry and tells nobody again.
    await check({} as never)
    await check({} as never)
    await notices.accountNeedsReconnect(account, 'The token was revoked.')
    const items = await bell(tg.workspaceId, 2)
    expect(items.map((i) => i.kind)).toEqual(['account_reconnect', 'account_reconnect'])
    expect(items.map((i) => i.title).sort()).toEqual([
      `Reconnect Telegram (${account.displayName})`,
      `Reconnect Telegram (${account.displayName}) before ${lapse.toISOString().slice(0, 10)}`,
    ])
    expect(items.every((i) => i.link === '/accounts' && i.accountId === account.id)).toBe(true)
  })

  it('honours the member’s choice: email off sends no mail, both off stores nothing', async () => {
    const tg = await h.account('telegram')
    await h.db.notifications.setPreferences(ownerId, tg.workspaceId, {
      post_failed: { inApp: true, email: false },
    })
    h.telegramSim.injectFault({ type: 'reject_content' }, { match: { path: tg.auth.accessToken } })
    const { group } = await schedule(tg, 'Bell only, please')
    const [n] = await bell(tg.workspaceId, 1)
    expect(n).toMatchObject({ postId: group.id, emailStatus: 'none' })
    await h.db.notifications.setPreferences(ownerId, tg.workspaceId, {
      account_reconnect: { inApp: false, email: false },
    })
    const notices = createNotices({ db: h.db, queue: worker.notifications.queue, log: noLog })
    const account = (await h.db.accounts.getAccount(tg.accountId))!
    await notices.accountNeedsReconnect(account, 'revoked')
    expect(await bell(tg.workspaceId, 1)).toHaveLength(1)
    expect(smtp.mails.some((m) => m.subject === 'Bell only, please')).toBe(false)
  })

  it('retries an email the SMTP server refused for a moment, and sends it once', async () => {
    const tg = await h.account('telegram')
    // One refusal: BullMQ's backoff for notification emails starts at 30 s.
    smtp.refuseNext(1)
    const notices = createNotices({ db: h.db, queue: worker.notifications.queue, log: noLog })
    const account = (await h.db.accounts.getAccount(tg.accountId))!
    await notices.accountNeedsReconnect(account, 'refused-then-sent')
    const [n] = await bell(tg.workspaceId, 1)
    await vi.waitFor(
      async () => expect((await h.db.notifications.getPendingEmail(n!.id)) ?? 'done').toBe('done'),
      { timeout: 90_000, interval: 200 },
    )
    expect(smtp.mails.filter((m) => m.text.includes('refused-then-sent'))).toHaveLength(1)
  }, 100_000)
})

describe('the daily digest', () => {
  it('summarizes the last day once per local date, at the hour in the workspace’s zone', async () => {
    const tg = await h.account('telegram')
    await h.db.slots.setPostingSchedule(tg.workspaceId, { timeZone: 'Asia/Tokyo', slots: [] })
    h.telegramSim.injectFault({ type: 'reject_content' }, { match: { path: tg.auth.accessToken } })
    await schedule(tg, 'Fails for the digest')
    await bell(tg.workspaceId, 1)
    const workspace = (await h.db.workspaces.getWorkspace(tg.workspaceId))!
    const zone = 'Asia/Tokyo'
    const now = new Date()
    const tick = createDigestTick({
      db: h.db,
      queue: worker.notifications.queue,
      hour: localHour(now, zone).hour,
    })
    const first = await tick(now)
    // Only this workspace is in Tokyo; the others (UTC) are nine hours off.
    expect(first).toEqual({ due: 1, sent: 1 })
    expect((await tick(now)).sent).toBe(0)
    const digest = await vi.waitFor(
      () => {
        const found = mailsAbout(/your day in Statex Social/).find((m) =>
          m.subject.startsWith(`${workspace.name}:`),
        )
        if (!found) throw new Error('no digest yet')
        return found
      },
      { timeout: 20_000, interval: 50 },
    )
    expect(digest.to).toEqual([ownerEmail])
    expect(digest.text).toContain('1 post failed')
    expect(digest.text).not.toContain('published')
    // The digest is email by default: it stays out of the bell.
    const items = await h.db.notifications.list({ userId: ownerId, workspaceId: tg.workspaceId })
    expect(items.items.some((i) => i.kind === 'digest')).toBe(false)
    const other = await tick(new Date(now.getTime() + 3_600_000))
    expect(other.due).toBe(0)
  }, 60_000)

  it('words the figures and stays quiet on a quiet day', () => {
    expect(
      digestBody({ published: 3, failed: 1, unknown: 0, waitingApproval: 2, newInbox: 1 }),
    ).toBe('3 posts published\n1 post failed\n2 posts waiting for approval\n1 new inbox item')
    expect(
      digestBody({ published: 0, failed: 0, unknown: 0, waitingApproval: 0, newInbox: 0 }),
    ).toBeNull()
    expect(localHour(new Date('2026-12-02T23:30:00Z'), 'Asia/Tokyo')).toEqual({
      date: '2026-12-03',
      hour: 8,
    })
  })
})

const noLog = {
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  error: () => undefined,
} as never
