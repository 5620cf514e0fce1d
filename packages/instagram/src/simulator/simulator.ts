import { randomBytes } from 'node:crypto'
import type { AccountAuth } from '@statex/core'
import {
  createFacebookLogin,
  createTokenRegistry,
  createWebhookPusher,
  graphError,
  graphId,
  graphPage,
  graphTime,
  messagingPayload,
  parameterError,
  renderGraphFault,
  signedDelivery,
  unknownObject,
  unknownPath,
  graphSimulatorControls,
  type GraphWebhookControls,
} from '@statex/graph/testing'
import {
  FaultQueue,
  SimClock,
  startSimulatorServer,
  type PlatformSimulator,
  type RecordedRequest,
  type SimResponse,
} from '@statex/testkit/simulator'
import { accountInsights, accountProfile } from './account-insights.js'
import { commentPayload, mentionPayload } from './payloads.js'
import {
  CONTAINER_TTL_MS,
  DM_WINDOW_MS,
  QUOTA_WINDOW_MS,
  SIMULATED_FOLLOWERS,
  VIDEO_PROCESSING_MS,
  insightsOf,
  toSimulatedPost,
  type Container,
  type Dm,
  type IgAccount,
  type IgComment,
  type Media,
} from './state.js'

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

type TokenEntry = { userId: string }

const VALID_METRICS = [
  'reach',
  'likes',
  'comments',
  'saved',
  'shares',
  'views',
  'total_interactions',
] as const
// Deprecated in 2025 for media created after July 2024 (replaced by `views`).
const DEPRECATED_METRICS = new Set(['impressions', 'plays', 'video_views', 'clips_replays_count'])

const field = (body: unknown, name: string): unknown =>
  body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined
const str = (body: unknown, name: string) => {
  const value = field(body, name)
  return typeof value === 'string' ? value : undefined
}
const truthy = (value: unknown) => value === true || value === 'true'
const isPublic = (value: string) => {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

const downloadFailed = () =>
  graphError({
    status: 400,
    code: 9004,
    subcode: 2207052,
    message: 'Only photo or video can be accepted as media type.',
    userTitle: 'Media download has failed.',
    userMessage:
      'The media could not be fetched from the URI provided. Make sure the URI is publicly reachable.',
  })

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
  const accounts = new Map<string, IgAccount>()
  const containers = new Map<string, Container>()
  const media = new Map<string, Media>()
  const comments: IgComment[] = []
  const dms: Dm[] = []
  const webhooks = createWebhookPusher({ appSecret, url: options.webhookUrl })
  const now = () => clock.now()

  function statusOf(c: Container): { status_code: string; status?: string } {
    if (c.publishedMediaId) return { status_code: 'PUBLISHED' }
    if (c.error) return { status_code: 'ERROR', status: c.error }
    if (now() - c.createdAt >= CONTAINER_TTL_MS) return { status_code: 'EXPIRED' }
    const childrenReady = c.children.every(
      (id) => statusOf(containers.get(id)!).status_code === 'FINISHED',
    )
    return now() >= c.readyAt && childrenReady
      ? { status_code: 'FINISHED' }
      : { status_code: 'IN_PROGRESS' }
  }

  function quotaUsage(userId: string): number {
    return [...media.values()].filter(
      (m) =>
        m.userId === userId && m.productType !== 'STORY' && now() - m.createdAt < QUOTA_WINDOW_MS,
    ).length
  }

  const tokens = createTokenRegistry<TokenEntry>({
    now: () => clock.date(),
    appSecret,
    requireAppSecretProof: options.requireAppSecretProof ?? false,
  })

  // Facebook Login: the person manages each account's Page, with the account linked to it.
  const login = createFacebookLogin({
    appId,
    appSecret,
    now,
    pages: () =>
      [...accounts.values()].map((a) => ({
        id: a.pageId,
        name: `${a.name} Page`,
        access_token: a.auth.accessToken,
        instagram_business_account: { id: a.id, username: a.username, name: a.name },
      })),
  })

  function createContainer(account: IgAccount, body: unknown): SimResponse {
    const imageUrl = str(body, 'image_url')
    const videoUrl = str(body, 'video_url')
    const type = str(body, 'media_type')
    const caption = str(body, 'caption')
    const carouselItem = truthy(field(body, 'is_carousel_item'))
    if (caption && [...caption].length > 2200)
      return graphError({
        status: 400,
        code: 36004,
        subcode: 2207010,
        message: 'The caption is too long.',
      })
    let mediaType: Container['mediaType']
    let children: string[] = []
    if (type === 'CAROUSEL') {
      children = (str(body, 'children') ?? '').split(',').filter(Boolean)
      if (children.length < 2 || children.length > 10)
        return parameterError('The parameter children must name 2 to 10 carousel item containers.')
      for (const id of children) {
        const child = containers.get(id)
        if (!child || child.userId !== account.id || !child.isCarouselItem)
          return parameterError(
            `Carousel child ${id} is not a carousel item container of this account.`,
          )
      }
      mediaType = 'CAROUSEL'
    } else if (type === 'REELS' || type === 'VIDEO') {
      if (!videoUrl) return parameterError('The parameter video_url is required.')
      if (type === 'VIDEO' && !carouselItem)
        return parameterError('The VIDEO media_type is deprecated for feed posts: use REELS.')
      mediaType = type
    } else if (type === 'STORIES') {
      if (!imageUrl && !videoUrl)
        return parameterError('The parameter image_url or video_url is required.')
      mediaType = 'STORIES'
    } else if (type === undefined) {
      if (!imageUrl) return parameterError('The parameter image_url is required.')
      mediaType = 'IMAGE'
    } else return parameterError(`media_type ${type} is not supported.`)
    const url = imageUrl ?? videoUrl
    if (url !== undefined && !isPublic(url)) return downloadFailed()
    if (imageUrl && !/\.jpe?g($|\?)/i.test(imageUrl))
      return graphError({
        status: 400,
        code: 36001,
        subcode: 2207005,
        message: 'The image format is not supported.',
      })
    const isVideo = !!videoUrl
    const container: Container = {
      id: graphId(17),
      userId: account.id,
      params: { ...(body as object) },
      mediaType,
      isCarouselItem: carouselItem,
      children,
      createdAt: now(),
      readyAt: now() + (isVideo ? VIDEO_PROCESSING_MS : 0),
      ...(videoUrl && !/\.(mp4|mov)($|\?)/i.test(videoUrl) ? { error: 'Error: 2207026' } : {}),
    }
    containers.set(container.id, container)
    return { status: 200, body: { id: container.id } }
  }

  function publish(account: IgAccount, body: unknown): SimResponse {
    const id = str(body, 'creation_id')
    const container = id ? containers.get(id) : undefined
    if (!container || container.userId !== account.id || container.isCarouselItem)
      return graphError({
        status: 400,
        code: 24,
        subcode: 2207008,
        message: 'Media builder not found',
      })
    const status = statusOf(container).status_code
    if (status === 'PUBLISHED')
      return graphError({
        status: 400,
        code: 24,
        subcode: 2207008,
        message: 'Media builder not found',
      })
    if (status === 'EXPIRED')
      return graphError({
        status: 400,
        code: -2,
        subcode: 2207020,
        message: 'The media you are trying to access has expired. Please try to upload again.',
      })
    if (status !== 'FINISHED')
      return graphError({
        status: 400,
        code: 9007,
        subcode: 2207027,
        message: 'The media is not ready for publishing, please wait for a moment',
      })
    const isStory = container.mediaType === 'STORIES'
    if (!isStory && quotaUsage(account.id) >= account.quotaTotal)
      return graphError({
        status: 400,
        code: 9,
        subcode: 2207042,
        message:
          'You reached maximum number of posts that is allowed to be published by Content Publishing API.',
      })
    const item: Media = {
      id: graphId(17),
      userId: account.id,
      containerId: container.id,
      ...(typeof container.params.caption === 'string'
        ? { caption: container.params.caption }
        : {}),
      mediaType:
        container.mediaType === 'CAROUSEL'
          ? 'CAROUSEL_ALBUM'
          : container.mediaType === 'IMAGE'
            ? 'IMAGE'
            : 'VIDEO',
      productType: isStory ? 'STORY' : container.mediaType === 'REELS' ? 'REELS' : 'FEED',
      createdAt: now(),
      shortcode: randomBytes(8).toString('base64url'),
    }
    media.set(item.id, item)
    container.publishedMediaId = item.id
    return { status: 200, body: { id: item.id } }
  }

  function mediaOut(m: Media) {
    const count = comments.filter((c) => c.mediaId === m.id).length
    return {
      id: m.id,
      ...(m.caption !== undefined ? { caption: m.caption } : {}),
      media_type: m.mediaType,
      media_product_type: m.productType,
      permalink: `https://www.instagram.com/p/${m.shortcode}/`,
      timestamp: graphTime(m.createdAt),
      username: accounts.get(m.userId)?.username,
      like_count: insightsOf(m, count, now()).likes,
      comments_count: count,
    }
  }

  function commentOut(c: IgComment) {
    return {
      id: c.id,
      text: c.text,
      timestamp: graphTime(c.createdAt),
      username: c.from.username,
      from: c.from,
      ...(c.parentId ? { parent_id: c.parentId } : {}),
    }
  }

  function addComment(input: Omit<IgComment, 'id' | 'createdAt'>): IgComment {
    const comment: IgComment = { ...input, id: graphId(17), createdAt: now() }
    comments.push(comment)
    return comment
  }

  function sendMessage(account: IgAccount, body: unknown): SimResponse {
    const recipient = field(body, 'recipient') as { id?: string } | undefined
    const text = (field(body, 'message') as { text?: string } | undefined)?.text
    if (!recipient?.id) return parameterError('param recipient must be non-empty.')
    if (!text) return parameterError('param message must be non-empty.')
    const last = dms
      .filter((m) => m.userId === account.id && m.igsid === recipient.id && m.direction === 'in')
      .at(-1)
    if (!last)
      return graphError({
        status: 400,
        code: 100,
        subcode: 2018001,
        message: '(#100) No matching user found',
      })
    if (now() - last.at > DM_WINDOW_MS)
      return graphError({
        status: 400,
        code: 10,
        subcode: 2534022,
        message: '(#10) This message is sent outside of allowed window.',
      })
    const sent: Dm = {
      mid: `aWdfZAG${randomBytes(18).toString('base64url')}`,
      userId: account.id,
      igsid: recipient.id,
      text,
      at: now(),
      direction: 'out',
    }
    dms.push(sent)
    return { status: 200, body: { recipient_id: recipient.id, message_id: sent.mid } }
  }

  function route(request: RecordedRequest, entry: TokenEntry): SimResponse {
    const match = /^\/(v\d+\.\d+)\/(.+)$/.exec(request.path)
    if (!match) return unknownPath(request.path)
    const [id, edge, ...rest] = match[2]!.split('/').map(decodeURIComponent)
    if (rest.length) return unknownPath(request.path)
    const method = request.method
    const self = accounts.get(entry.userId)!
    if (id === 'me' && edge === 'messages' && method === 'POST')
      return sendMessage(self, request.body)
    if (id === 'me' && !edge) return { status: 200, body: { id: self.id, username: self.username } }
    if (accounts.has(id!)) {
      if (id !== entry.userId) return unknownObject(id!, method.toLowerCase())
      if (edge === 'content_publishing_limit' && method === 'GET')
        return {
          status: 200,
          body: {
            data: [
              {
                config: { quota_total: self.quotaTotal, quota_duration: 86400 },
                quota_usage: quotaUsage(self.id),
              },
            ],
          },
        }
      if (edge === 'media' && method === 'POST') return createContainer(self, request.body)
      if (edge === 'media_publish' && method === 'POST') return publish(self, request.body)
      if (edge === 'media' && method === 'GET') {
        const since = Number(request.query.get('since') ?? 0) * 1000
        const list = [...media.values()]
          .filter((m) => m.userId === self.id && m.productType !== 'STORY' && m.createdAt >= since)
          .sort((a, b) => b.createdAt - a.createdAt)
        return { status: 200, body: graphPage(list.map(mediaOut), request) }
      }
      if (edge === 'mentions' && method === 'POST') {
        const message = str(request.body, 'message')
        const commentId = str(request.body, 'comment_id')
        const parent = comments.find(
          (c) => c.id === commentId && c.mediaId === str(request.body, 'media_id'),
        )
        if (!message || !parent)
          return parameterError('media_id, comment_id and message are required.')
        const reply = addComment({
          userId: parent.userId,
          mediaId: parent.mediaId,
          parentId: parent.id,
          text: message,
          from: { id: self.id, username: self.username },
        })
        return { status: 200, body: { id: reply.id } }
      }
      if (edge === 'insights' && method === 'GET')
        return accountInsights({
          account: self,
          media: [...media.values()].filter((m) => m.userId === self.id),
          comments: (mediaId) => comments.filter((c) => c.mediaId === mediaId).length,
          query: request.query,
          now: now(),
        })
      if (!edge && method === 'GET') {
        const count = [...media.values()].filter((m) => m.userId === self.id).length
        return {
          status: 200,
          body: accountProfile(self, count, request.query.get('fields') ?? ''),
        }
      }
      return unknownPath(request.path)
    }
    const container = containers.get(id!)
    if (container) {
      if (container.userId !== entry.userId || edge) return unknownObject(id!, method.toLowerCase())
      return { status: 200, body: { id: container.id, ...statusOf(container) } }
    }
    const item = media.get(id!)
    if (item) {
      if (item.userId !== entry.userId) return unknownObject(id!, method.toLowerCase())
      if (!edge && method === 'GET') return { status: 200, body: mediaOut(item) }
      if (!edge && method === 'DELETE')
        return graphError({
          status: 400,
          code: 100,
          type: 'GraphMethodException',
          message: 'Unsupported delete request.',
        })
      if (edge === 'insights' && method === 'GET') {
        const names = (request.query.get('metric') ?? '').split(',').filter(Boolean)
        const bad = names.find((n) => !(VALID_METRICS as readonly string[]).includes(n))
        if (!names.length || bad)
          return parameterError(
            `${bad && DEPRECATED_METRICS.has(bad) ? `${bad} is no longer supported; ` : ''}metric[0] must be one of the following values: ${VALID_METRICS.join(', ')}`,
          )
        const values = insightsOf(item, comments.filter((c) => c.mediaId === item.id).length, now())
        return {
          status: 200,
          body: {
            data: names.map((name) => ({
              name,
              period: 'lifetime',
              values: [{ value: values[name as keyof typeof values] }],
              title: name,
              description: name,
              id: `${item.id}/insights/${name}/lifetime`,
            })),
          },
        }
      }
      if (edge === 'comments' && method === 'GET') {
        const list = comments
          .filter((c) => c.mediaId === item.id && !c.parentId)
          .sort((a, b) => a.createdAt - b.createdAt)
        return { status: 200, body: graphPage(list.map(commentOut), request) }
      }
      if (edge === 'comments' && method === 'POST') {
        const message = str(request.body, 'message')
        if (!message) return parameterError('The parameter message is required.')
        const c = addComment({
          userId: item.userId,
          mediaId: item.id,
          text: message,
          from: { id: self.id, username: self.username },
        })
        return { status: 200, body: { id: c.id } }
      }
      return unknownPath(request.path)
    }
    const comment = comments.find((c) => c.id === id)
    if (comment) {
      if (comment.userId !== entry.userId) return unknownObject(id!, method.toLowerCase())
      if (edge === 'replies' && method === 'POST') {
        const message = str(request.body, 'message')
        if (!message) return parameterError('The parameter message is required.')
        const reply = addComment({
          userId: comment.userId,
          mediaId: comment.mediaId,
          parentId: comment.id,
          text: message,
          from: { id: self.id, username: self.username },
        })
        return { status: 200, body: { id: reply.id } }
      }
      if (edge === 'replies' && method === 'GET')
        return {
          status: 200,
          body: graphPage(
            comments.filter((c) => c.parentId === comment.id).map(commentOut),
            request,
          ),
        }
      if (!edge && method === 'GET') return { status: 200, body: commentOut(comment) }
      return unknownPath(request.path)
    }
    return unknownObject(id!, method.toLowerCase())
  }

  const server = await startSimulatorServer({
    faults,
    port: options.port,
    host: options.host,
    handler: (request) => {
      const loginAnswer = login.answer(request)
      if (loginAnswer) return loginAnswer
      const auth = tokens.authenticate(request)
      return 'status' in auth ? auth : route(request, auth.data)
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

  function accountOf(auth: AccountAuth): IgAccount {
    const account = accounts.get(auth.externalAccountId)
    if (!account)
      throw new Error(`The simulator has no Instagram account ${auth.externalAccountId}`)
    return account
  }
  const follower = (name?: string) =>
    SIMULATED_FOLLOWERS.find((f) => f.username === name) ??
    (name
      ? { id: graphId(17), username: name.toLowerCase().replace(/\W+/g, '_') }
      : SIMULATED_FOLLOWERS[0]!)
  function inbound(account: IgAccount, text: string, from: { id: string }): Dm {
    const dm: Dm = {
      mid: `aWdfZAG${randomBytes(18).toString('base64url')}`,
      userId: account.id,
      igsid: from.id,
      text,
      at: now(),
      direction: 'in',
    }
    dms.push(dm)
    return dm
  }
  const dmPayload = (dm: Dm) =>
    messagingPayload({
      object: 'instagram',
      accountId: dm.userId,
      senderId: dm.igsid,
      mid: dm.mid,
      text: dm.text,
      at: dm.at,
    })

  const simulator: InstagramSimulator = {
    platform: 'instagram',
    baseUrl: server.url,
    appId,
    appSecret,
    requests: server.requests,
    ...graphSimulatorControls({ clock, faults, tokens, webhooks, server }),
    createAccount(input = {}) {
      const id = input.externalAccountId ?? `1784${graphId(13)}`
      const auth: AccountAuth = {
        accessToken: input.accessToken ?? `EAAG${randomBytes(24).toString('base64url')}`,
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
      accounts.set(id, account)
      tokens.add(auth.accessToken, { userId: id })
      // The simulated followers wrote just now: the direct-message window is open.
      for (const f of SIMULATED_FOLLOWERS) inbound(account, 'Hi!', f)
      return auth
    },
    listAccounts: () => [...accounts.values()].map((a) => ({ name: a.name, auth: a.auth })),
    listPosts: (auth) =>
      [...media.values()]
        .filter((m) => m.userId === auth.externalAccountId)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((m) => toSimulatedPost(m, comments)),
    findPost(auth, externalId) {
      const item = media.get(externalId)
      if (item?.userId === auth.externalAccountId) return toSimulatedPost(item, comments)
      const comment = comments.find(
        (c) => c.id === externalId && c.userId === auth.externalAccountId,
      )
      if (comment)
        return {
          externalId,
          createdAt: new Date(comment.createdAt),
          text: comment.text,
          raw: commentOut(comment),
        }
      const dm = dms.find((m) => m.mid === externalId && m.userId === auth.externalAccountId)
      if (dm) return { externalId, createdAt: new Date(dm.at), text: dm.text, raw: dm }
      return undefined
    },
    countPosts: (auth) =>
      [...media.values()].filter((m) => m.userId === auth.externalAccountId).length,
    containers: (auth) =>
      [...containers.values()].filter((c) => c.userId === auth.externalAccountId),
    issueLoginCode: (redirectUri) => login.issueCode(redirectUri),
    setQuota(auth, total) {
      accountOf(auth).quotaTotal = total
    },
    setFollowers(auth, followers) {
      accountOf(auth).followers = followers
    },
    simulateInteraction(input) {
      const account = accountOf(input.account)
      if (!input.externalPostId) return simulator.simulateMessage(input)
      const item = media.get(input.externalPostId)
      const parent = comments.find((c) => c.id === input.externalPostId)
      if (!item && !parent)
        throw new Error(`The simulator has no media or comment ${input.externalPostId}`)
      const comment = addComment({
        userId: account.id,
        mediaId: item?.id ?? parent!.mediaId,
        ...(parent ? { parentId: parent.id } : {}),
        text: input.text,
        from: follower(input.authorName),
      })
      webhooks.push(commentPayload(comment, media.get(comment.mediaId)!.productType))
      return { externalId: comment.id }
    },
    simulateMessage(input) {
      const dm = inbound(accountOf(input.account), input.text, follower(input.authorName))
      webhooks.push(dmPayload(dm))
      return { externalId: dm.mid }
    },
    simulateMention(input) {
      const account = accountOf(input.account)
      const mediaId = graphId(17)
      const item: Media = {
        id: mediaId,
        userId: account.id,
        containerId: '',
        caption: 'Someone else\u2019s post',
        mediaType: 'IMAGE',
        productType: 'FEED',
        createdAt: now(),
        shortcode: randomBytes(8).toString('base64url'),
      }
      // The mentioning comment lives on someone else's media; the simulator keeps it so a reply can find it.
      const comment = addComment({
        userId: account.id,
        mediaId: item.id,
        text: input.text,
        from: follower(input.authorName),
      })
      webhooks.push(
        mentionPayload({
          userId: account.id,
          mediaId,
          commentId: comment.id,
          at: comment.createdAt,
        }),
      )
      return { externalId: comment.id, mediaId }
    },
    webhookDelivery(input) {
      return signedDelivery(
        dmPayload(inbound(accountOf(input.account), input.text, SIMULATED_FOLLOWERS[0]!)),
        appSecret,
      )
    },
  }
  return simulator
}
