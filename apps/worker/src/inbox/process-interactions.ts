import { ProviderError, type Interaction, type Platform, type SocialProvider } from '@statex/core'
import type { Db, SocialAccount } from '@statex/db'
import { parsePayload, type Queues } from '@statex/jobs'
import type { Logger } from '@statex/runtime'
import type { Processor } from 'bullmq'
import type { AccountGate } from '../engine/account-gate.js'
import type { TokenService } from '../engine/token-service.js'

/**
 * How often each platform's accounts are polled, within its limits: X's mention and DM timelines
 * allow a handful of requests per 15 minutes on the lower tiers; LinkedIn's comment reads are
 * counted per member per day. Platforms that push (Facebook, Instagram, WhatsApp, Telegram with a
 * webhook) are polled rarely or not at all. A platform left out is never polled.
 */
export const DEFAULT_POLL_INTERVALS_MS: Readonly<Partial<Record<Platform, number>>> = {
  twitter: 15 * 60_000,
  linkedin: 10 * 60_000,
  facebook: 30 * 60_000,
  instagram: 30 * 60_000,
}

/** One poll job reads at most this many pages; the cursor is kept, and the next poll goes on. */
const MAX_PAGES = 10
/** A stored delivery still unprocessed after this is queued again by the tick (its job was lost). */
const SWEEP_AFTER_MS = 60_000

export interface ProcessInteractionsDeps {
  db: Db
  queues: Queues
  providers: Partial<Record<Platform, SocialProvider>>
  tokens: TokenService
  log: Logger
  /**
   * Publishing's per-account pauses. While a platform has told us to wait for an account, its
   * poll waits too; a poll the platform rate-limits pauses the account where the platform's
   * limits are the account's as a whole (`capabilities.rateLimitScope`: Telegram's flood control
   * is the bot's, whatever the method). It never takes the publishing lease: a hung poll must
   * not hold a post back.
   */
  gate?: Pick<AccountGate, 'pausedFor' | 'pause'>
  pollIntervalsMs?: Partial<Record<Platform, number>>
  /** How long one page of a poll may take. Default 60 s. */
  pollTimeoutMs?: number
  /**
   * Aborted when the worker stops. A poll is safe to cut short (its cursor moves only after a
   * page is stored), so it ends at once instead of holding the shutdown: a platform that hung
   * kept a stopping worker waiting the whole timeout.
   */
  stopping?: AbortSignal
  now?: () => Date
}

export const pollJobId = (accountId: string) => `poll-${accountId}`
export const autoRespondJobId = (interactionId: string) => `auto-respond-${interactionId}`

/**
 * `process-interactions`: a stored webhook delivery (`source: webhook`), a poll of one account
 * (`source: poll` with `accountId`), or the poll tick (`source: poll`, no account) that queues the
 * accounts due and re-queues deliveries whose job was lost. Every new interaction that waits for
 * an answer gets one `auto-respond` job (its id is the interaction's, so never two).
 */
export function createProcessInteractions(deps: ProcessInteractionsDeps): Processor {
  const { db, queues, providers, tokens, log } = deps
  const intervals = deps.pollIntervalsMs ?? DEFAULT_POLL_INTERVALS_MS
  const now = deps.now ?? (() => new Date())

  async function store(accountId: string, items: Interaction[]) {
    const result = await db.inbox.ingestInteractions(accountId, items)
    if (result.awaitingReply.length)
      await queues['auto-respond'].addBulk(
        result.awaitingReply.map((interactionId) => ({
          name: 'auto-respond',
          data: { interactionId },
          opts: {
            jobId: autoRespondJobId(interactionId),
            removeOnComplete: true,
            removeOnFail: 1000,
          },
        })),
      )
    return result.inserted
  }

  async function webhook(eventId: string) {
    const event = await db.webhooks.getInboundEvent(eventId)
    if (!event) return { skipped: 'the delivery no longer exists' }
    if (event.processedAt) return { skipped: 'already processed' }
    const provider = providers[event.platform]
    if (!provider?.webhooks) return { skipped: `${event.platform} is not set up on this server` }
    const events = provider.webhooks.parse({ body: event.body })
    const byAccount = new Map<string, Interaction[]>()
    let statuses = 0
    for (const e of events) {
      // The same page or number may be connected in several workspaces: each gets its copy.
      const accounts = e.accountExternalId
        ? await db.accounts.findByExternalId(event.platform, e.accountExternalId)
        : event.accountId
          ? [{ id: event.accountId }]
          : await db.accounts.findSoleConnected(event.platform)
      if (e.kind === 'delivery_status') {
        statuses += await db.posts.applyDeliveryStatus({
          accountIds: accounts.map((a) => a.id),
          messageId: e.externalId,
          status: e.status,
          ...(e.error ? { error: e.error } : {}),
        })
        continue
      }
      for (const account of accounts)
        byAccount.set(account.id, [...(byAccount.get(account.id) ?? []), e.interaction])
    }
    let inserted = 0
    for (const [accountId, items] of byAccount) inserted += await store(accountId, items)
    await db.webhooks.markInboundEventProcessed(event.id, now())
    return { inserted, statuses, events: events.length }
  }

  async function poll(accountId: string) {
    const account = await db.accounts.getAccount(accountId)
    if (!account) return { skipped: `account ${accountId} no longer exists` }
    if (account.status !== 'active') return { skipped: `account is ${account.status}` }
    const provider = providers[account.platform]
    if (!provider?.listInteractions)
      return { skipped: `${account.platform} has no polling on this server` }
    // Not recorded as polled: the next tick finds it due again, after the pause.
    if (((await deps.gate?.pausedFor(account.id)) ?? 0) > 0)
      return { skipped: 'the account is rate-limited' }
    return pollHeld(account, provider)
  }

  function pollSignal(): AbortSignal {
    const timeout = AbortSignal.timeout(deps.pollTimeoutMs ?? 60_000)
    return deps.stopping ? AbortSignal.any([timeout, deps.stopping]) : timeout
  }

  async function pollHeld(account: SocialAccount, provider: SocialProvider) {
    const listInteractions = provider.listInteractions!.bind(provider)
    let { cursor } = await db.inbox.getPollCursor(account.id)
    let inserted = 0
    try {
      const auth = await tokens.getAuth(account)
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await listInteractions({
          account: auth,
          ...(cursor ? { cursor } : {}),
          signal: pollSignal(),
        })
        inserted += await store(account.id, answer.items)
        const next = answer.nextCursor ?? null
        // Saved after the page is stored: a crash re-reads a page (harmless), never skips one.
        await db.inbox.savePollCursor(account.id, { cursor: next ?? cursor, polledAt: now() })
        if (!next || next === cursor || answer.items.length === 0) break
        cursor = next
      }
    } catch (error) {
      // Stopped mid-page: nothing went wrong with the account; the next poll reads on.
      if (deps.stopping?.aborted) return { inserted, stopped: true }
      if (!ProviderError.is(error)) throw error
      if (
        error.kind === 'rate_limited' &&
        provider.capabilities.rateLimitScope === 'account' &&
        error.retryAfterMs
      )
        await deps.gate?.pause(account.id, error.retryAfterMs)
      // The tick comes back after the interval; a poll is not worth retrying sooner.
      await db.inbox.savePollCursor(account.id, { polledAt: now(), lastError: error.message })
      log.warn({ err: error, account: account.id }, 'interactions poll failed')
      return { inserted, failed: error.kind }
    }
    return { inserted }
  }

  async function tick() {
    const due = await db.inbox.accountsDueForPoll(intervals, now())
    if (due.length)
      await queues['process-interactions'].addBulk(
        due.map((account) => ({
          name: 'poll',
          data: { source: 'poll' as const, accountId: account.id },
          opts: { jobId: pollJobId(account.id), removeOnComplete: true, removeOnFail: true },
        })),
      )
    const stale = (await db.webhooks.listUnprocessedInboundEvents(100)).filter(
      (e) => now().getTime() - e.receivedAt.getTime() >= SWEEP_AFTER_MS,
    )
    if (stale.length)
      await queues['process-interactions'].addBulk(
        stale.map((e) => ({
          name: 'process-interactions',
          data: { source: 'webhook' as const, webhookEventId: e.id },
          opts: { jobId: `webhook-${e.id}` },
        })),
      )
    return { polls: due.length, swept: stale.length }
  }

  return async (job) => {
    const data = parsePayload('process-interactions', job.data)
    if (data.source === 'webhook') {
      if (!data.webhookEventId) return { skipped: 'a webhook job without its delivery id' }
      return webhook(data.webhookEventId)
    }
    return data.accountId ? poll(data.accountId) : tick()
  }
}
