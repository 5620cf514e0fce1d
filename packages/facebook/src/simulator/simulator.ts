/**
 * The Facebook simulator's factory: options, the HTTP server with its login, token check and
 * throttling answers, and the controls tests use. What each endpoint answers lives in its own
 * file (publishing, post insights, comments, Messenger); the state lives in the store.
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
  unknownPath,
  type GraphWebhookControls,
} from '@statex/graph/testing'
import {
  FaultQueue,
  SimClock,
  startSimulatorServer,
  type PlatformSimulator,
} from '@statex/testkit/simulator'
import { createFbEvents } from './events.js'
import { messagePayload } from './payloads.js'
import { route, type TokenEntry } from './routes.js'
import { SIMULATED_FOLLOWERS, SIMULATED_PEOPLE, toSimulatedPost, type Page } from './state.js'
import { addMessage, createFbStore, lastInbound, pageOfAccount } from './store.js'
import { commentOut } from './wire.js'

export { MESSENGER_WINDOW_MS, SIMULATED_PEOPLE } from './state.js'

export interface FacebookSimulatorOptions {
  port?: number
  host?: string
  /** The Meta app: login checks `client_id`/`client_secret`; webhooks are signed with the secret. */
  appId?: string
  appSecret?: string
  /** "Require App Secret": calls without `appsecret_proof` are refused. Default false. */
  requireAppSecretProof?: boolean
  /** Where to push Page webhooks as they happen. */
  webhookUrl?: string
}

export interface FacebookSimulator extends PlatformSimulator, GraphWebhookControls {
  readonly platform: 'facebook'
  readonly appId: string
  readonly appSecret: string
  /** A login code, as the Facebook dialog gives one after the person approves; the person manages every simulated Page. */
  issueLoginCode(redirectUri: string): string
  /** A person writes to the Page on Messenger. */
  simulateMessage(input: {
    account: AccountAuth
    text: string
    from?: string
    authorName?: string
  }): { externalId: string }
  simulateReaction(input: {
    account: AccountAuth
    externalPostId: string
    type?: string
    authorName?: string
  }): void
  simulateMention(input: { account: AccountAuth; text: string; authorName?: string }): {
    externalId: string
  }
  /** When a person last wrote to the Page (Messenger), for the 24-hour window. */
  lastMessageAt(account: AccountAuth, psid: string): Date | undefined
  /** Sets the Page's followers (`followers_count`, `page_follows`). */
  setFollowers(account: AccountAuth, followers: number): void
}

/**
 * A simulator of the Graph API endpoints a Facebook Pages app uses: login (code and long-lived
 * exchange, /me/accounts), publishing (feed, photos, unpublished photos + attached_media, videos
 * by file_url, photo stories), published_posts, delete, post insights with the current metric
 * names, comments with cursor paging, the Send API with the 24-hour window, and signed Page webhooks.
 */
export async function createFacebookSimulator(
  options: FacebookSimulatorOptions = {},
): Promise<FacebookSimulator> {
  const appId = options.appId ?? '1234567890123456'
  const appSecret = options.appSecret ?? 'simulator-facebook-app-secret'
  const clock = new SimClock()
  const faults = new FaultQueue()
  const store = createFbStore(() => clock.now())
  const webhooks = createWebhookPusher({ appSecret, url: options.webhookUrl })

  const tokens = createTokenRegistry<TokenEntry>({
    now: () => clock.date(),
    appSecret,
    requireAppSecretProof: options.requireAppSecretProof ?? false,
  })

  const login = createFacebookLogin({
    appId,
    appSecret,
    now: store.now,
    pages: () =>
      [...store.pages.values()].map((p) => ({
        access_token: p.auth.accessToken,
        category: 'Software Company',
        category_list: [{ id: '2211', name: 'Software Company' }],
        name: p.name,
        id: p.id,
        tasks: ['ANALYZE', 'ADVERTISE', 'MESSAGING', 'MODERATE', 'CREATE_CONTENT', 'MANAGE'],
      })),
  })

  const server = await startSimulatorServer({
    faults,
    port: options.port,
    host: options.host,
    handler: (request) => {
      // Graph refuses an unversioned path before it looks at the token (or the login routes).
      if (!/^\/v\d+\.\d+\/.+$/.test(request.path)) return unknownPath(request.path)
      const loginAnswer = login.answer(request)
      if (loginAnswer) return loginAnswer
      const auth = tokens.authenticate(request)
      return 'status' in auth ? auth : route(store, request, auth.data)
    },
    renderFault: (fault, request) =>
      renderGraphFault(fault, {
        businessId: /^\/v[^/]+\/([^/_]+)/.exec(request.path)?.[1] ?? appId,
        useCase: 'pages',
        rateLimit: {
          code: 80001,
          message:
            '(#80001) There have been too many calls to this Page account. Wait a bit and try again.',
        },
      }),
  })

  const simulator: FacebookSimulator = {
    platform: 'facebook',
    baseUrl: server.url,
    appId,
    appSecret,
    requests: server.requests,
    ...graphSimulatorControls({ clock, faults, tokens, webhooks, server }),
    ...createFbEvents(store, webhooks),
    createAccount(input = {}) {
      const id = input.externalAccountId ?? graphId(15)
      const auth: AccountAuth = {
        accessToken: input.accessToken ?? newAccessToken(),
        externalAccountId: id,
      }
      const page: Page = {
        id,
        name: input.name ?? `Page ${id.slice(-4)}`,
        auth,
        followers: SIMULATED_FOLLOWERS,
      }
      store.pages.set(id, page)
      tokens.add(auth.accessToken, { kind: 'page', pageId: id })
      // The simulated people wrote to the Page just now: Messenger's window is open.
      for (const p of SIMULATED_PEOPLE)
        addMessage(store, { page, psid: p.id, text: 'Hello!', direction: 'in' })
      return auth
    },
    listAccounts: () => [...store.pages.values()].map((p) => ({ name: p.name, auth: p.auth })),
    setFollowers(account, followers) {
      pageOfAccount(store, account).followers = followers
    },
    listPosts: (auth) =>
      [...store.posts.values()]
        .filter((p) => p.pageId === auth.externalAccountId)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((p) => toSimulatedPost(p, store.comments)),
    findPost(auth, externalId) {
      const post = store.posts.get(externalId)
      if (post?.pageId === auth.externalAccountId) return toSimulatedPost(post, store.comments)
      const comment = store.comments.find(
        (c) => c.id === externalId && c.pageId === auth.externalAccountId,
      )
      if (comment)
        return {
          externalId,
          createdAt: new Date(comment.createdAt),
          text: comment.message,
          raw: commentOut(comment),
        }
      const message = store.messages.find(
        (m) => m.mid === externalId && m.pageId === auth.externalAccountId,
      )
      if (message)
        return { externalId, createdAt: new Date(message.at), text: message.text, raw: message }
      return undefined
    },
    countPosts: (auth) =>
      [...store.posts.values()].filter((p) => p.pageId === auth.externalAccountId).length,
    lastMessageAt(auth, psid) {
      const last = lastInbound(store, auth.externalAccountId, psid)
      return last ? new Date(last.at) : undefined
    },
    webhookDelivery(input) {
      const page = pageOfAccount(store, input.account)
      const message = addMessage(store, {
        page,
        psid: SIMULATED_PEOPLE[0]!.id,
        text: input.text,
        direction: 'in',
      })
      return signedDelivery(messagePayload(message), appSecret)
    },
    issueLoginCode: (redirectUri) => login.issueCode(redirectUri),
  }
  return simulator
}
