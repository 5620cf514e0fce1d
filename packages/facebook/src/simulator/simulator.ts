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
import { pageInsightsAnswer, pageOut } from './page-figures.js'
import { commentPayload, mentionPayload, messagePayload, reactionPayload } from './payloads.js'
import {
  MESSENGER_WINDOW_MS,
  SIMULATED_FOLLOWERS,
  SIMULATED_PEOPLE,
  engagementOf,
  toSimulatedPost,
  type Comment,
  type Message,
  type Page,
  type Photo,
  type Post,
} from './state.js'

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

type TokenEntry = { kind: 'page'; pageId: string }

const field = (body: unknown, name: string): unknown =>
  body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined
const str = (body: unknown, name: string) => {
  const value = field(body, name)
  return typeof value === 'string' ? value : undefined
}
const bool = (body: unknown, name: string, fallback: boolean) => {
  const value = field(body, name)
  if (value === undefined) return fallback
  return value === true || value === 'true'
}
const isPublicUrl = (value: string | undefined) => {
  try {
    return !!value && ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
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
  const pages = new Map<string, Page>()
  const posts = new Map<string, Post>()
  const photos = new Map<string, Photo>()
  const comments: Comment[] = []
  const messages: Message[] = []
  const webhooks = createWebhookPusher({ appSecret, url: options.webhookUrl })

  const newToken = () => `EAAG${randomBytes(24).toString('base64url')}`
  const now = () => clock.now()

  const tokens = createTokenRegistry<TokenEntry>({
    now: () => clock.date(),
    appSecret,
    requireAppSecretProof: options.requireAppSecretProof ?? false,
  })

  function pageFor(
    entry: TokenEntry,
    objectPageId: string | undefined,
    id: string,
    method: string,
  ): Page | SimResponse {
    const page = objectPageId ? pages.get(objectPageId) : undefined
    if (!page || entry.kind !== 'page' || entry.pageId !== page.id) return unknownObject(id, method)
    return page
  }

  function postOut(post: Post, fields: string) {
    const out: Record<string, unknown> = { id: post.id, created_time: graphTime(post.createdAt) }
    if (post.message !== undefined) out.message = post.message
    if (fields.includes('permalink_url')) out.permalink_url = `https://www.facebook.com/${post.id}`
    const engagement = engagementOf(post, now())
    if (fields.includes('reactions'))
      out.reactions = {
        data: [],
        summary: { total_count: engagement.likes, viewer_reaction: 'NONE' },
      }
    if (fields.includes('comments'))
      out.comments = {
        data: [],
        summary: {
          order: 'chronological',
          total_count: comments.filter((c) => c.postId === post.id).length,
          can_comment: true,
        },
      }
    // Graph leaves `shares` out until someone shared the post.
    if (fields.includes('shares') && engagement.shares > 0)
      out.shares = { count: engagement.shares }
    return out
  }

  function createPost(
    page: Page,
    input: Omit<Post, 'id' | 'pageId' | 'createdAt' | 'reactions'>,
  ): Post {
    const post: Post = {
      id: `${page.id}_${graphId(16)}`,
      pageId: page.id,
      createdAt: now(),
      reactions: [],
      ...input,
    }
    posts.set(post.id, post)
    return post
  }

  const INSIGHTS: Record<string, { title: string; value: (post: Post) => number }> = {
    post_media_view: { title: 'Views', value: (p) => engagementOf(p, now()).views },
    post_total_media_view_unique: { title: 'Viewers', value: (p) => engagementOf(p, now()).reach },
    post_clicks: { title: 'Post Clicks', value: (p) => engagementOf(p, now()).clicks },
    post_reactions_like_total: {
      title: 'Like reactions',
      value: (p) => engagementOf(p, now()).likes,
    },
  }

  const pageInsights = (page: Page, request: RecordedRequest) =>
    pageInsightsAnswer({
      page,
      posts: [...posts.values()].filter((p) => p.pageId === page.id),
      query: request.query,
      now: now(),
    })

  function pageEdge(page: Page, edge: string, request: RecordedRequest): SimResponse {
    const body = request.body
    const method = request.method
    if (method === 'GET' && edge === 'insights') return pageInsights(page, request)
    if (method === 'POST' && edge === 'feed') {
      const message = str(body, 'message')
      const link = str(body, 'link')
      let attached = field(body, 'attached_media')
      if (typeof attached === 'string') attached = JSON.parse(attached) as unknown
      const media = Array.isArray(attached) ? (attached as { media_fbid?: string }[]) : []
      if (!message && !link && media.length === 0)
        return parameterError(
          'Unsupported post request: a post needs a message, a link or attached_media.',
        )
      if (link && !isPublicUrl(link)) return parameterError('The link is not a valid URL.')
      for (const m of media) {
        const photo = m.media_fbid ? photos.get(m.media_fbid) : undefined
        if (!photo || photo.pageId !== page.id)
          return parameterError(`attached_media: no photo ${String(m.media_fbid)} on this Page.`)
        if (photo.published)
          return parameterError('attached_media takes photos uploaded with published=false.')
      }
      const post = createPost(page, {
        kind: media.length ? 'album' : 'status',
        ...(message ? { message } : {}),
        ...(link ? { link } : {}),
        published: bool(body, 'published', true),
        photoIds: media.map((m) => m.media_fbid!),
        raw: { ...(body as object) },
      })
      return {
        status: 200,
        headers: { 'x-app-usage': '{"call_count":1,"total_cputime":1,"total_time":1}' },
        body: { id: post.id },
      }
    }
    if (method === 'POST' && edge === 'photos') {
      const url = str(body, 'url')
      if (!url) return parameterError('The parameter url or source is required.', 1363021)
      if (!isPublicUrl(url))
        return graphError({
          status: 400,
          code: 324,
          message: '(#324) Requires upload file: the url must be a public http(s) URL',
        })
      const photo: Photo = {
        id: graphId(16),
        pageId: page.id,
        url,
        published: bool(body, 'published', true),
        ...(str(body, 'alt_text_custom') ? { altText: str(body, 'alt_text_custom') } : {}),
      }
      photos.set(photo.id, photo)
      if (!photo.published) return { status: 200, body: { id: photo.id } }
      const caption = str(body, 'caption') ?? str(body, 'message')
      const post = createPost(page, {
        kind: 'photo',
        ...(caption ? { message: caption } : {}),
        published: true,
        photoIds: [photo.id],
        raw: { ...(body as object) },
      })
      return { status: 200, body: { id: photo.id, post_id: post.id } }
    }
    if (method === 'POST' && edge === 'videos') {
      const fileUrl = str(body, 'file_url')
      if (!fileUrl) return parameterError('The parameter file_url or source is required.')
      if (!isPublicUrl(fileUrl))
        return graphError({
          status: 400,
          code: 352,
          message: '(#352) The video file could not be fetched from file_url.',
        })
      const id = graphId(16)
      const description = str(body, 'description')
      const post: Post = {
        id,
        pageId: page.id,
        kind: 'video',
        ...(description ? { message: description } : {}),
        published: bool(body, 'published', true),
        photoIds: [],
        createdAt: now(),
        reactions: [],
        raw: { ...(body as object) },
      }
      posts.set(id, post)
      return { status: 200, body: { id } }
    }
    if (method === 'POST' && edge === 'photo_stories') {
      const photoId = str(body, 'photo_id')
      const photo = photoId ? photos.get(photoId) : undefined
      if (!photo || photo.pageId !== page.id)
        return parameterError(
          'The parameter photo_id is required and must be a photo of this Page.',
        )
      const post = createPost(page, {
        kind: 'story',
        published: true,
        photoIds: [photo.id],
        raw: { photo_id: photoId },
      })
      return { status: 200, body: { success: true, post_id: post.id } }
    }
    if (method === 'GET' && (edge === 'feed' || edge === 'published_posts')) {
      const since = Number(request.query.get('since') ?? 0) * 1000
      const list = [...posts.values()]
        .filter(
          (p) =>
            p.pageId === page.id &&
            p.kind !== 'story' &&
            (edge === 'feed' || p.published) &&
            p.createdAt >= since,
        )
        .sort((a, b) => b.createdAt - a.createdAt)
      const fields = request.query.get('fields') ?? 'id,message,created_time'
      return {
        status: 200,
        body: graphPage(
          list.map((p) => postOut(p, fields)),
          request,
        ),
      }
    }
    if (method === 'POST' && edge === 'messages') return sendMessage(page, body)
    return unknownPath(request.path)
  }

  function sendMessage(page: Page, body: unknown): SimResponse {
    const recipient = field(body, 'recipient') as { id?: string } | undefined
    const message = field(body, 'message') as { text?: string } | undefined
    const type = str(body, 'messaging_type') ?? 'RESPONSE'
    if (!recipient?.id) return parameterError('param recipient must be non-empty.')
    if (!message?.text) return parameterError('param message must be non-empty.')
    const last = messages
      .filter((m) => m.pageId === page.id && m.psid === recipient.id && m.direction === 'in')
      .at(-1)
    if (!last)
      return graphError({
        status: 400,
        code: 100,
        subcode: 2018001,
        message: '(#100) No matching user found',
      })
    if (type !== 'MESSAGE_TAG' && now() - last.at > MESSENGER_WINDOW_MS)
      return graphError({
        status: 400,
        code: 10,
        subcode: 2018278,
        message:
          '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview',
      })
    const sent: Message = {
      mid: `m_${randomBytes(18).toString('base64url')}`,
      pageId: page.id,
      psid: recipient.id,
      text: message.text,
      at: now(),
      direction: 'out',
    }
    messages.push(sent)
    return { status: 200, body: { recipient_id: recipient.id, message_id: sent.mid } }
  }

  function objectRoute(
    id: string,
    edge: string | undefined,
    request: RecordedRequest,
    entry: TokenEntry,
  ): SimResponse {
    const post = posts.get(id)
    const comment = comments.find((c) => c.id === id)
    const page = pageFor(entry, post?.pageId ?? comment?.pageId, id, request.method.toLowerCase())
    if ('status' in page) return page
    const postId = post?.id ?? comment!.postId
    if (!edge && request.method === 'DELETE') {
      if (post) posts.delete(id)
      else comments.splice(comments.indexOf(comment!), 1)
      return { status: 200, body: { success: true } }
    }
    if (!edge && request.method === 'GET') {
      if (post) return { status: 200, body: postOut(post, request.query.get('fields') ?? '') }
      return { status: 200, body: commentOut(comment!) }
    }
    if (edge === 'insights' && request.method === 'GET' && post) {
      const names = (request.query.get('metric') ?? '').split(',').filter(Boolean)
      const unknown = names.find((n) => !INSIGHTS[n])
      if (!names.length || unknown)
        return parameterError(
          `The value must be a valid insights metric${unknown ? `: ${unknown}` : ''}`,
        )
      return {
        status: 200,
        body: {
          data: names.map((name) => ({
            name,
            period: 'lifetime',
            values: [{ value: INSIGHTS[name]!.value(post) }],
            title: `Lifetime ${INSIGHTS[name]!.title}`,
            description: `Lifetime: ${INSIGHTS[name]!.title}`,
            id: `${post.id}/insights/${name}/lifetime`,
          })),
        },
      }
    }
    if (edge === 'comments' && request.method === 'GET') {
      const since = Number(request.query.get('since') ?? 0) * 1000
      const topLevel = request.query.get('filter') === 'toplevel'
      const list = comments
        .filter(
          (c) =>
            (post ? c.postId === id && (!topLevel || !c.parentId) : c.parentId === id) &&
            c.createdAt >= since,
        )
        .sort((a, b) =>
          request.query.get('order') === 'reverse_chronological'
            ? b.createdAt - a.createdAt
            : a.createdAt - b.createdAt,
        )
      return { status: 200, body: graphPage(list.map(commentOut), request) }
    }
    if (edge === 'comments' && request.method === 'POST') {
      const message = str(request.body, 'message')
      if (!message) return parameterError('The parameter message is required.')
      const created = addComment({
        pageId: page.id,
        postId,
        ...(comment ? { parentId: comment.id } : {}),
        message,
        from: { id: page.id, name: page.name },
      })
      return { status: 200, body: { id: created.id } }
    }
    return unknownPath(request.path)
  }

  function commentOut(c: Comment) {
    return {
      id: c.id,
      message: c.message,
      created_time: graphTime(c.createdAt),
      from: c.from,
      ...(c.parentId ? { parent: { id: c.parentId } } : {}),
      permalink_url: `https://www.facebook.com/${c.postId}?comment_id=${c.id}`,
    }
  }

  function addComment(input: Omit<Comment, 'id' | 'createdAt'>): Comment {
    const comment: Comment = {
      ...input,
      id: `${input.postId.split('_').at(-1)}_${graphId(16)}`,
      createdAt: now(),
    }
    comments.push(comment)
    return comment
  }

  const login = createFacebookLogin({
    appId,
    appSecret,
    now,
    pages: () =>
      [...pages.values()].map((p) => ({
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
      const match = /^\/(v\d+\.\d+)\/(.+)$/.exec(request.path)
      if (!match) return unknownPath(request.path)
      const parts = match[2]!.split('/').map(decodeURIComponent)
      const loginAnswer = login.answer(request)
      if (loginAnswer) return loginAnswer
      const auth = tokens.authenticate(request)
      if ('status' in auth) return auth
      // With a Page token, /me is the Page.
      if (parts[0] === 'me') parts[0] = auth.data.pageId
      const [id, edge, ...rest] = parts
      if (rest.length) return unknownPath(request.path)
      if (pages.has(id!)) {
        const page = pageFor(auth.data, id, id!, request.method.toLowerCase())
        if ('status' in page) return page
        return edge
          ? pageEdge(page, edge, request)
          : { status: 200, body: pageOut(page, request.query.get('fields') ?? '') }
      }
      if (posts.has(id!) || comments.some((c) => c.id === id))
        return objectRoute(id!, edge, request, auth.data)
      return unknownObject(id!, request.method.toLowerCase())
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

  function pageOfAccount(auth: AccountAuth): Page {
    const page = pages.get(auth.externalAccountId)
    if (!page) throw new Error(`The simulator has no Page ${auth.externalAccountId}`)
    return page
  }
  const person = (name?: string) =>
    SIMULATED_PEOPLE.find((p) => p.name === name) ??
    (name ? { id: graphId(16), name } : SIMULATED_PEOPLE[0]!)

  function inbound(page: Page, text: string, from: { id: string }): Message {
    const message: Message = {
      mid: `m_${randomBytes(18).toString('base64url')}`,
      pageId: page.id,
      psid: from.id,
      text,
      at: now(),
      direction: 'in',
    }
    messages.push(message)
    return message
  }

  const simulator: FacebookSimulator = {
    platform: 'facebook',
    baseUrl: server.url,
    appId,
    appSecret,
    requests: server.requests,
    ...graphSimulatorControls({ clock, faults, tokens, webhooks, server }),
    createAccount(input = {}) {
      const id = input.externalAccountId ?? graphId(15)
      const auth: AccountAuth = {
        accessToken: input.accessToken ?? newToken(),
        externalAccountId: id,
      }
      pages.set(id, {
        id,
        name: input.name ?? `Page ${id.slice(-4)}`,
        auth,
        followers: SIMULATED_FOLLOWERS,
      })
      tokens.add(auth.accessToken, { kind: 'page', pageId: id })
      // The simulated people wrote to the Page just now: Messenger's window is open.
      for (const p of SIMULATED_PEOPLE) inbound(pages.get(id)!, 'Hello!', p)
      return auth
    },
    listAccounts: () => [...pages.values()].map((p) => ({ name: p.name, auth: p.auth })),
    setFollowers(account, followers) {
      pageOfAccount(account).followers = followers
    },
    listPosts: (auth) =>
      [...posts.values()]
        .filter((p) => p.pageId === auth.externalAccountId)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((p) => toSimulatedPost(p, comments)),
    findPost(auth, externalId) {
      const post = posts.get(externalId)
      if (post?.pageId === auth.externalAccountId) return toSimulatedPost(post, comments)
      const comment = comments.find(
        (c) => c.id === externalId && c.pageId === auth.externalAccountId,
      )
      if (comment)
        return {
          externalId,
          createdAt: new Date(comment.createdAt),
          text: comment.message,
          raw: commentOut(comment),
        }
      const message = messages.find(
        (m) => m.mid === externalId && m.pageId === auth.externalAccountId,
      )
      if (message)
        return { externalId, createdAt: new Date(message.at), text: message.text, raw: message }
      return undefined
    },
    countPosts: (auth) =>
      [...posts.values()].filter((p) => p.pageId === auth.externalAccountId).length,
    simulateInteraction(input) {
      const page = pageOfAccount(input.account)
      const from = person(input.authorName)
      if (!input.externalPostId) return simulator.simulateMessage({ ...input, from: from.id })
      const post = posts.get(input.externalPostId)
      const parent = comments.find((c) => c.id === input.externalPostId)
      if (!post && !parent)
        throw new Error(`The simulator has no post or comment ${input.externalPostId}`)
      const comment = addComment({
        pageId: page.id,
        postId: post?.id ?? parent!.postId,
        ...(parent ? { parentId: parent.id } : {}),
        message: input.text,
        from,
      })
      webhooks.push(commentPayload(comment))
      return { externalId: comment.id }
    },
    simulateMessage(input) {
      const page = pageOfAccount(input.account)
      const from = input.from ? { id: input.from } : person(input.authorName)
      const message = inbound(page, input.text, from)
      webhooks.push(messagePayload(message))
      return { externalId: message.mid }
    },
    simulateReaction(input) {
      const post = posts.get(input.externalPostId)
      if (!post) throw new Error(`The simulator has no post ${input.externalPostId}`)
      const from = person(input.authorName)
      const reaction = { from: from.name, type: input.type ?? 'like', at: now() }
      post.reactions.push(reaction)
      webhooks.push(
        reactionPayload({
          pageId: post.pageId,
          postId: post.id,
          from,
          type: reaction.type,
          at: reaction.at,
        }),
      )
    },
    simulateMention(input) {
      const page = pageOfAccount(input.account)
      const from = person(input.authorName)
      const postId = `${graphId(15)}_${graphId(16)}`
      webhooks.push(
        mentionPayload({ pageId: page.id, postId, from, message: input.text, at: now() }),
      )
      return { externalId: postId }
    },
    lastMessageAt(auth, psid) {
      const last = messages
        .filter(
          (m) => m.pageId === auth.externalAccountId && m.psid === psid && m.direction === 'in',
        )
        .at(-1)
      return last ? new Date(last.at) : undefined
    },
    webhookDelivery(input) {
      const page = pageOfAccount(input.account)
      return signedDelivery(
        messagePayload(inbound(page, input.text, SIMULATED_PEOPLE[0]!)),
        appSecret,
      )
    },
    issueLoginCode: (redirectUri) => login.issueCode(redirectUri),
  }
  return simulator
}
