import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  PROVIDER_ERROR_KINDS,
  ProviderError,
  assertProviderImplements,
  type AccountAuth,
  type Interaction,
  type PostDraft,
  type PublishResult,
  type SocialProvider,
} from '@statex/core'
import { abortWhen } from './simulator/clock.js'
import type { FaultMatch } from './simulator/faults.js'
import type { PlatformSimulator } from './simulator/platform-simulator.js'

export interface ProviderContractOptions<S extends PlatformSimulator> {
  /** Starts a fresh simulator; the kit closes it after the suite. */
  simulator: () => Promise<S>
  /**
   * Builds the provider against the simulator. The kit passes `baseUrl` to point it elsewhere
   * (a closed port, to test a refused connection); otherwise use `simulator.baseUrl`.
   */
  provider: (simulator: S, overrides: { baseUrl?: string }) => SocialProvider
  fixtures: {
    /** A post the platform accepts (for this account). */
    validPost: PostDraft
    /** A post with several problems at once, and every `path` validate() must report for it. */
    invalidPost: { post: PostDraft; paths: string[] }
    /** A post the platform processes asynchronously; required when `capabilities.publishing` is `async`. */
    pendingPost?: PostDraft
  }
  /**
   * The request of a publish that makes the post exist, when a publish takes several (Instagram's
   * `media_publish` after its container): the faults that model the platform failing or acting
   * target it. Default: the first request the publish sends.
   */
  publishRequest?: FaultMatch
  /** How many interactions to seed for the paging check; more than one page of the adapter's page size. */
  interactionsToSeed?: number
  /**
   * How the platform authenticates webhook deliveries. `signature` (default): an HMAC over the raw
   * body, so a changed body must fail `verify`. `shared-secret`: a secret header that does not
   * cover the body (Telegram's X-Telegram-Bot-Api-Secret-Token), so only a forged or missing
   * header must fail.
   */
  webhookAuthentication?: 'signature' | 'shared-secret'
}

/** A port nothing listens on (one that was just free), so a connection is refused before anything is sent. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (!address || typeof address === 'string') throw new Error('could not find a free port')
  return address.port
}

let keyCounter = 0
const idempotencyKey = () => `contract-${process.pid}-${Date.now()}-${++keyCounter}`

async function expectProviderError(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise
  } catch (error) {
    expect(ProviderError.is(error), `expected a ProviderError, got ${String(error)}`).toBe(true)
    return error as ProviderError
  }
  throw new Error('expected the call to fail with a ProviderError, but it succeeded')
}

function expectNoSecret(error: ProviderError, account: AccountAuth): void {
  const secrets = [account.accessToken, account.refreshToken].filter((s): s is string => !!s)
  const surfaces = [
    error.message,
    error.platformMessage ?? '',
    JSON.stringify(error),
    String(error),
    error.stack ?? '',
  ]
  for (const secret of secrets) {
    for (const surface of surfaces)
      expect(surface.includes(secret), `a token leaked into: ${surface}`).toBe(false)
  }
  expect(PROVIDER_ERROR_KINDS).toContain(error.kind)
}

async function settle(
  provider: SocialProvider,
  simulator: PlatformSimulator,
  account: AccountAuth,
  result: PublishResult,
) {
  let current = result
  for (let i = 0; i < 20 && current.status === 'pending'; i++) {
    simulator.advance(60_000)
    current = await provider.getPublishStatus!({ account, checkpoint: current.checkpoint })
  }
  return current
}

/**
 * The contract every adapter passes against its simulator. Call it at the top level of a test
 * file. Checks that depend on an optional capability run when the capability is claimed, and
 * otherwise check that it is honestly absent.
 */
export function runProviderContract<S extends PlatformSimulator>(
  options: ProviderContractOptions<S>,
): void {
  let simulator: S
  let provider: SocialProvider
  const onPublish = options.publishRequest ? { match: options.publishRequest } : undefined
  let account: AccountAuth
  const publish = (post: PostDraft, signal?: AbortSignal, auth: AccountAuth = account) =>
    provider.publish({ account: auth, post, idempotencyKey: idempotencyKey(), signal })

  /** Publishes the valid fixture for `auth` and waits until the platform has it. */
  const publishSettled = async (auth: AccountAuth) => {
    const result = await settle(
      provider,
      simulator,
      auth,
      await publish(options.fixtures.validPost, undefined, auth),
    )
    if (result.status !== 'published')
      throw new Error(`publish did not settle: ${JSON.stringify(result)}`)
    return result
  }

  describe('SocialProvider contract', () => {
    beforeAll(async () => {
      simulator = await options.simulator()
      provider = options.provider(simulator, {})
      account = simulator.createAccount({ name: 'Contract account' })
    })
    afterAll(async () => {
      await simulator?.close()
    })

    it('implements every method its capabilities claim, for its own platform', () => {
      expect(() => assertProviderImplements(provider)).not.toThrow()
      expect(provider.capabilities.content.platform).toBe(provider.platform)
      expect(simulator.platform).toBe(provider.platform)
    })

    describe('validate', () => {
      it('accepts the valid fixture without sending anything', () => {
        const before = simulator.requests.length
        expect(provider.validate(options.fixtures.validPost)).toEqual([])
        expect(simulator.requests.length).toBe(before)
      })

      it('reports every problem at once, each with a path and a message', () => {
        const issues = provider.validate(options.fixtures.invalidPost.post)
        for (const issue of issues) {
          expect(issue.path).toMatch(/\S/)
          expect(issue.message.length).toBeGreaterThan(10)
        }
        expect(issues.map((i) => i.path)).toEqual(
          expect.arrayContaining(options.fixtures.invalidPost.paths),
        )
        expect(options.fixtures.invalidPost.paths.length).toBeGreaterThan(1)
      })

      it('reports an empty post', () => {
        const issues = provider.validate({ text: '   ' })
        expect(issues.length).toBeGreaterThan(0)
      })
    })

    describe('publish', () => {
      it('publishes and returns an external id the platform holds', async () => {
        const result = await settle(
          provider,
          simulator,
          account,
          await publish(options.fixtures.validPost),
        )
        expect(result.status).toBe('published')
        if (result.status !== 'published') return
        expect(result.externalId).toMatch(/\S/)
        expect(result.publishedAt).toBeInstanceOf(Date)
        expect(simulator.findPost(account, result.externalId)).toBeDefined()
      })

      if (options.fixtures.pendingPost) {
        it('turns a pending publish into a published one through getPublishStatus', async () => {
          const first = await publish(options.fixtures.pendingPost!)
          expect(first.status).toBe('pending')
          expect(typeof provider.getPublishStatus).toBe('function')
          const result = await settle(provider, simulator, account, first)
          expect(result.status).toBe('published')
          if (result.status === 'published')
            expect(simulator.findPost(account, result.externalId)).toBeDefined()
        })
      } else {
        it('publishes synchronously, as its capabilities say (never pending)', async () => {
          expect(provider.capabilities.publishing).toBe('sync')
          const result = await publish(options.fixtures.validPost)
          expect(result.status).toBe('published')
        })
      }

      it('maps the platform rate-limit signal to rate_limited with retryAfterMs, and publishes nothing', async () => {
        const before = simulator.countPosts(account)
        simulator.injectFault({ type: 'rate_limit', retryAfterSeconds: 7 }, onPublish)
        const error = await expectProviderError(publish(options.fixtures.validPost))
        expect(error.kind).toBe('rate_limited')
        // The platform's own signal, at its own granularity: seconds (Telegram, X) or whole
        // minutes (Meta's estimated_time_to_regain_access) — never less than asked, never a guess.
        expect(error.retryAfterMs).toBeGreaterThanOrEqual(7000)
        expect(error.retryAfterMs).toBeLessThanOrEqual(60_000)
        expect(error.outcome).toBe('not_sent')
        expect(error.retryable).toBe(true)
        expect(simulator.countPosts(account)).toBe(before)
        expectNoSecret(error, account)
      })

      it('maps rejected content to invalid_request with the platform message, never retryable', async () => {
        simulator.injectFault(
          { type: 'reject_content', message: 'Simulated rejection: content not allowed' },
          onPublish,
        )
        const error = await expectProviderError(publish(options.fixtures.validPost))
        expect(error.kind).toBe('invalid_request')
        expect(error.platformMessage).toContain('Simulated rejection: content not allowed')
        expect(error.retryable).toBe(false)
        expectNoSecret(error, account)
      })

      it('maps a 5xx answer to transient', async () => {
        simulator.injectFault({ type: 'server_error', status: 502 }, onPublish)
        const error = await expectProviderError(publish(options.fixtures.validPost))
        expect(error.kind).toBe('transient')
        expect(error.status).toBe(502)
        expectNoSecret(error, account)
      })

      it('maps a refused connection to transient, not_sent', async () => {
        // Not port 1: fetch refuses "bad ports" itself, which says nothing about the adapter.
        const offline = options.provider(simulator, {
          baseUrl: `http://127.0.0.1:${await closedPort()}`,
        })
        const error = await expectProviderError(
          offline.publish({
            account,
            post: options.fixtures.validPost,
            idempotencyKey: idempotencyKey(),
          }),
        )
        expect(error.kind).toBe('transient')
        expect(error.outcome).toBe('not_sent')
        expectNoSecret(error, account)
      })

      it('maps a timeout after the request was sent to outcome unknown (the platform did act)', async () => {
        const before = simulator.countPosts(account)
        simulator.injectFault({ type: 'hang_after_receive' }, onPublish)
        // The client gives up only once the platform has acted: a fixed timeout could fire on a
        // loaded machine before the request even arrived, which is a different case.
        const error = await expectProviderError(
          publish(
            options.fixtures.validPost,
            abortWhen(() => simulator.countPosts(account) > before),
          ),
        )
        expect(error.kind).toBe('transient')
        expect(error.outcome).toBe('unknown')
        expect(error.retryable).toBe(false)
        expect(simulator.countPosts(account)).toBeGreaterThan(before)
        expectNoSecret(error, account)
      })

      it('maps a connection dropped after the request arrived to outcome unknown', async () => {
        simulator.injectFault({ type: 'drop_after_receive' }, onPublish)
        const error = await expectProviderError(publish(options.fixtures.validPost))
        expect(error.kind).toBe('transient')
        expect(error.outcome).toBe('unknown')
        expectNoSecret(error, account)
      })
    })

    describe('tokens', () => {
      it('maps an expired token to auth_expired (or has nothing to refresh when tokens never expire)', async () => {
        if (!simulator.expireToken) {
          expect(provider.refreshToken).toBeUndefined()
          expect(provider.capabilities.tokenRefresh).toBe(false)
          return
        }
        const expiring = simulator.createAccount({ name: 'Expiring' })
        simulator.expireToken(expiring.accessToken)
        const error = await expectProviderError(
          publish(options.fixtures.validPost, undefined, expiring),
        )
        expect(error.kind).toBe('auth_expired')
        expectNoSecret(error, expiring)
      })

      it('maps a revoked token to auth_revoked', async () => {
        const revoked = simulator.createAccount({ name: 'Revoked' })
        simulator.revokeToken(revoked.accessToken)
        const error = await expectProviderError(
          publish(options.fixtures.validPost, undefined, revoked),
        )
        expect(error.retryable).toBe(false)
        expectNoSecret(error, revoked)
        // Some platforms (X) answer an expired and a revoked access token alike; then the one
        // refresh the worker tries must be refused as revoked, which ends in the same place.
        if (error.kind === 'auth_expired' && provider.refreshToken && revoked.refreshToken) {
          const refused = await expectProviderError(
            provider.refreshToken({ refreshToken: revoked.refreshToken }),
          )
          expect(refused.kind).toBe('auth_revoked')
          expectNoSecret(refused, revoked)
          return
        }
        expect(error.kind).toBe('auth_revoked')
      })
    })

    describe('reconcile (findPublished)', () => {
      {
        it('finds a post whose outcome was unknown, and says null for one that never landed', async () => {
          if (provider.capabilities.reconcile === 'none') {
            expect(provider.findPublished).toBeUndefined()
            return
          }
          // Simulator clocks start at the real time and only move forward (advance).
          const after = new Date(Date.now() - 60_000)
          const key = idempotencyKey()
          // Dropped after the platform acted: the caller cannot know it landed.
          simulator.injectFault({ type: 'drop_after_receive' }, onPublish)
          const error = await expectProviderError(
            provider.publish({ account, post: options.fixtures.validPost, idempotencyKey: key }),
          )
          expect(error.outcome).toBe('unknown')
          simulator.advance(60_000)
          const found = await provider.findPublished!({
            account,
            post: options.fixtures.validPost,
            idempotencyKey: key,
            after,
          })
          expect(found?.status).toBe('published')
          if (found?.status === 'published')
            expect(simulator.findPost(account, found.externalId)).toBeDefined()

          const fresh = simulator.createAccount({ name: 'Never posted' })
          const missing = await provider.findPublished!({
            account: fresh,
            post: options.fixtures.validPost,
            idempotencyKey: idempotencyKey(),
            after,
          })
          expect(missing).toBeNull()
        })
      }
    })

    describe('metrics', () => {
      it('normalises metrics for the fields it claims, and they grow over time', async () => {
        if (provider.capabilities.metrics.length === 0) {
          expect(provider.fetchMetrics).toBeUndefined()
          return
        }
        const result = await publishSettled(account)
        simulator.advance(3 * 3600_000)
        const [first] = await provider.fetchMetrics!({ account, externalIds: [result.externalId] })
        expect(first?.externalId).toBe(result.externalId)
        expect(first?.collectedAt).toBeInstanceOf(Date)
        expect(first?.raw).toBeDefined()
        for (const field of provider.capabilities.metrics) {
          const value = first?.[field]
          expect(
            Number.isInteger(value) && (value as number) >= 0,
            `${field} = ${String(value)}`,
          ).toBe(true)
        }
        simulator.advance(24 * 3600_000)
        const [later] = await provider.fetchMetrics!({ account, externalIds: [result.externalId] })
        for (const field of provider.capabilities.metrics) {
          expect(later![field]!).toBeGreaterThanOrEqual(first![field]!)
        }
      })
    })

    describe('interactions', () => {
      it('normalises interactions and pages through them, each exactly once', async () => {
        if (!provider.listInteractions) {
          expect(provider.capabilities.interactions.delivery).not.toContain('polling')
          return
        }
        const target = simulator.createAccount({ name: 'Inbox' })
        const post = await publishSettled(target)
        const count = options.interactionsToSeed ?? 25
        const seeded = new Set<string>()
        for (let i = 0; i < count; i++) {
          seeded.add(
            simulator.simulateInteraction({
              account: target,
              externalPostId: post.externalId,
              text: `answer ${i}`,
              authorName: `Person ${i}`,
            }).externalId,
          )
        }
        const seen: Interaction[] = []
        let cursor: string | undefined
        let pages = 0
        do {
          const page = await provider.listInteractions({ account: target, cursor })
          seen.push(...page.items)
          cursor = page.nextCursor
          pages++
        } while (cursor && pages < 100 && seen.length < count * 3)
        const ids = seen.map((i) => i.externalId)
        expect(new Set(ids).size).toBe(ids.length)
        for (const id of seeded) expect(ids).toContain(id)
        expect(pages).toBeGreaterThan(1)
        for (const item of seen) {
          expect(item.platform).toBe(provider.platform)
          expect(['COMMENT', 'LIKE', 'SHARE', 'MENTION', 'MESSAGE', 'REACTION']).toContain(
            item.type,
          )
          expect(item.author.externalId).toMatch(/\S/)
          expect(item.createdAt).toBeInstanceOf(Date)
          expect(Number.isNaN(item.createdAt.getTime())).toBe(false)
          expect(item.raw).toBeDefined()
        }
        expect(seen.map((i) => i.text)).toEqual(
          expect.arrayContaining(['answer 0', `answer ${count - 1}`]),
        )
        // Asking again from where paging stopped returns nothing already seen.
        const again = await provider.listInteractions({ account: target, cursor })
        for (const item of again.items) expect(ids).not.toContain(item.externalId)
      })

      it('replies to an interaction', async () => {
        if (!provider.reply) return expect(provider.capabilities.interactions.types).toEqual([])
        const target = simulator.createAccount({ name: 'Replier' })
        const post = await publishSettled(target)
        simulator.simulateInteraction({
          account: target,
          externalPostId: post.externalId,
          text: 'a question',
          authorName: 'Asker',
        })
        const interactions = provider.listInteractions
          ? (await provider.listInteractions({ account: target })).items
          : provider
              .webhooks!.parse({
                body: JSON.parse(
                  String(
                    simulator.webhookDelivery!({ account: target, text: 'a question' }).rawBody,
                  ),
                ),
              })
              .flatMap((e) => (e.kind === 'interaction' ? [e.interaction] : []))
        const question = interactions.find((i) => i.text === 'a question')
        expect(question).toBeDefined()
        const { externalId } = await provider.reply({
          account: target,
          to: question!,
          text: 'an answer',
        })
        expect(simulator.findPost(target, externalId)?.text).toBe('an answer')
      })
    })

    describe('webhooks', () => {
      it('accepts a signed delivery and rejects a tampered one', () => {
        if (!provider.webhooks || !simulator.webhookDelivery) {
          expect(provider.capabilities.interactions.delivery).not.toContain('webhook')
          return
        }
        const delivery = simulator.webhookDelivery({ account, text: 'pushed answer' })
        expect(provider.webhooks.verify(delivery)).toBe(true)
        const raw =
          typeof delivery.rawBody === 'string'
            ? delivery.rawBody
            : Buffer.from(delivery.rawBody).toString('utf8')
        const tampered = raw.replace('pushed answer', 'pushed answeR')
        expect(tampered).not.toBe(raw)
        if ((options.webhookAuthentication ?? 'signature') === 'signature') {
          expect(provider.webhooks.verify({ ...delivery, rawBody: tampered })).toBe(false)
        }
        const forged = Object.fromEntries(
          Object.entries(delivery.headers).map(([k, v]) => [
            k,
            typeof v === 'string' ? v.slice(0, -2) + (v.endsWith('aa') ? 'bb' : 'aa') : v,
          ]),
        )
        expect(provider.webhooks.verify({ ...delivery, headers: forged })).toBe(false)
        expect(provider.webhooks.verify({ ...delivery, headers: {} })).toBe(false)
        const events = provider.webhooks.parse({ body: JSON.parse(raw) })
        const texts = events.flatMap((e) => (e.kind === 'interaction' ? [e.interaction.text] : []))
        expect(texts).toContain('pushed answer')
      })
    })

    describe('delete', () => {
      it('deletes a published post when it claims it can', async () => {
        if (!provider.capabilities.deletes) return expect(provider.deletePost).toBeUndefined()
        const result = await publishSettled(account)
        await provider.deletePost!({ account, externalId: result.externalId })
        expect(simulator.findPost(account, result.externalId)).toBeUndefined()
      })
    })
  })
}
