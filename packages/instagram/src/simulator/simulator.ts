/**
 * The Instagram simulator's factory: options, the HTTP server with its login, token check and
 * throttling answers, and the controls tests use. What each endpoint answers lives in its own
 * file (publishing, media insights, comments, messaging); the state lives in the store.
 */
import type { AccountAuth } from '@statex/core'
import {
  createFacebookLogin,
  createTokenRegistry,
  createWebhookPusher,
  graphId,
  graphSimulatorControls,
  newAccessToken,
  renderGraphFault,
  signedDelivery,
  type GraphWebhookControls,
} from '@statex/graph/testing'
import {
  FaultQueue,
  SimClock,
  startSimulatorServer,
  type PlatformSimulator,
} from '@statex/testkit/simulator'
import { createIgEvents } from './events.js'
import { dmPayload } from './messaging.js'
import { route, type TokenEntry } from './routes.js'
import { SIMULATED_FOLLOWERS, toSimulatedPost, type Container, type IgAccount } from './state.js'
import { accountOf, addDm, createIgStore } from './store.js'
import { commentOut } from './wire.js'

export {
  CONTAINER_TTL_MS,
  DM_WINDOW_MS,
  SIMULATED_FOLLOWERS,
  VIDEO_PROCESSING_MS,
} from './state.js'

export interface InstagramSimulatorOptions {
  port?: number
  host?: string
  appId?: string
  appSecret?: string
  requireAppSecretProof?: boolean
  /** Posts each account may publish per rolling 24 hours (content_publishing_limit). Default 100. */
  quotaTotal?: number
  webhookUrl?: string
}

export interface InstagramSimulator extends PlatformSimulator, GraphWebhookControls {
  readonly platform: 'instagram'
  readonly appId: string
  readonly appSecret: string
  /** A Facebook Login code, as the dialog gives one after the person approves. */
  issueLoginCode(redirectUri: string): string
  /** Changes an account's daily publishing limit. */
  setQuota(account: AccountAuth, total: number): void
  /** Sets the account's `followers_count`. */
  setFollowers(account: AccountAuth, followers: number): void
  /** Every container the account created (published or not), oldest first. */
  containers(account: AccountAuth): readonly Container[]
  /** A person @-mentions the account in a comment on their own media. */
  simulateMention(input: { account: AccountAuth; text: string; authorName?: string }): {
    externalId: string
    mediaId: string
  }
  /** A person writes a direct message. */
  simulateMessage(input: { account: AccountAuth; text: string; authorName?: string }): {
    externalId: string
  }
}

/**
 * A simulator of the Instagram Graph API content publishing and engagement endpoints: the
 * publishing quota, media containers that process (video takes simulated time), expire after
 * 24 h and publish once, carousels, reels and stories, media listing, insights with the current
 * metric names, comments with paging, replies, mentions, the Send API with its 24-hour window, and
 * signed Instagram webhooks.
 */
export async function createInstagramSimulator(
  options: InstagramSimulatorOptions = {},
): Promise<InstagramSimulator> {
  const appId = options.appId ?? '2234567890123456'
  const appSecret = options.appSecret ?? 'simulator-instagram-app-secret'
  const clock = new SimClock()
  const faults = new FaultQueue()
  const store = createIgStore(() => clock.now())
  const webhooks = createWebhookPusher({ appSecret, url: options.webhookUrl })

  const tokens = createTokenRegistry<TokenEntry>({
    now: () => clock.date(),
    appSecret,
    requireAppSecretProof: options.requireAppSecretProof ?? false,
  })

  // Facebook Login: the person manages each account's Page, with the account linked to it.
  const login = createFacebookLogin({
    appId,
    appSecret,
    now: store.now,
    pages: () =>
      [...store.accounts.values()].map((a) => ({
        id: a.pageId,
        name: `${a.name} Page`,
        access_token: a.auth.accessToken,
        instagram_business_account: { id: a.id, username: a.username, name: a.name },
      })),
  })

  const server = await startSimulatorServer({
    faults,
    port: options.port,
    host: options.host,
    handler: (request) => {
      const loginAnswer = login.answer(request)
      if (loginAnswer) return loginAnswer
      const auth = tokens.authenticate(request)
      return 'status' in auth ? auth : route(store, request, auth.data)
    },
    renderFault: (fault, request) =>
      renderGraphFault(fault, {
        businessId: /^\/v[^/]+\/([^/]+)/.exec(request.path)?.[1] ?? appId,
        useCase: 'instagram',
        rateLimit: {
          code: 80002,
          message:
            '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.',
        },
      }),
  })

  const events = createIgEvents(store, webhooks)
  const simulator: InstagramSimulator = {
    platform: 'instagram',
    baseUrl: server.url,
    appId,
    appSecret,
    requests: server.requests,
    ...graphSimulatorControls({ clock, faults, tokens, webhooks, server }),
    ...events,
    createAccount(input = {}) {
      const id = input.externalAccountId ?? `1784${graphId(13)}`
      const auth: AccountAuth = {
        accessToken: input.accessToken ?? newAccessToken(),
        externalAccountId: id,
      }
      const name = input.name ?? `Account ${id.slice(-4)}`
      const account: IgAccount = {
        id,
        name,
        username: name.toLowerCase().replace(/\W+/g, '_'),
        pageId: graphId(15),
        auth,
        quotaTotal: options.quotaTotal ?? 100,
        followers: 830,
        follows: 120,
      }
      store.accounts.set(id, account)
      tokens.add(auth.accessToken, { userId: id })
      // The simulated followers wrote just now: the direct-message window is open.
      for (const f of SIMULATED_FOLLOWERS)
        addDm(store, { account, igsid: f.id, text: 'Hi!', direction: 'in' })
      return auth
    },
    listAccounts: () => [...store.accounts.values()].map((a) => ({ name: a.name, auth: a.auth })),
    listPosts: (auth) =>
      [...store.media.values()]
        .filter((m) => m.userId === auth.externalAccountId)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((m) => toSimulatedPost(m, store.comments)),
    findPost(auth, externalId) {
      const item = store.media.get(externalId)
      if (item?.userId === auth.externalAccountId) return toSimulatedPost(item, store.comments)
      const comment = store.comments.find(
        (c) => c.id === externalId && c.userId === auth.externalAccountId,
      )
      if (comment)
        return {
          externalId,
          createdAt: new Date(comment.createdAt),
          text: comment.text,
          raw: commentOut(comment),
        }
      const dm = store.dms.find((m) => m.mid === externalId && m.userId === auth.externalAccountId)
      if (dm) return { externalId, createdAt: new Date(dm.at), text: dm.text, raw: dm }
      return undefined
    },
    countPosts: (auth) =>
      [...store.media.values()].filter((m) => m.userId === auth.externalAccountId).length,
    containers: (auth) =>
      [...store.containers.values()].filter((c) => c.userId === auth.externalAccountId),
    issueLoginCode: (redirectUri) => login.issueCode(redirectUri),
    setQuota(auth, total) {
      accountOf(store, auth).quotaTotal = total
    },
    setFollowers(auth, followers) {
      accountOf(store, auth).followers = followers
    },
    webhookDelivery(input) {
      const dm = addDm(store, {
        account: accountOf(store, input.account),
        igsid: SIMULATED_FOLLOWERS[0]!.id,
        text: input.text,
        direction: 'in',
      })
      return signedDelivery(dmPayload(dm), appSecret)
    },
  }
  return simulator
}
