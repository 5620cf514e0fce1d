import { createHash } from 'node:crypto'
import { countText } from '@statex/core'
import type { Fault, RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import { checkRequest, type MatchedOperation } from './openapi.js'
import {
  storedText,
  token,
  type SimAccount,
  type SimTweet,
  type SimUser,
  type XState,
} from './state.js'

const PROBLEMS = 'https://api.twitter.com/2/problems/'
const ACCESS_TOKEN_LIFETIME_S = 7200

/** Bodies as X sends them (latest-openapi.json `Problem`, `Error`; docs.x.com response codes). */
export const xErrors = {
  unauthorized: (): SimResponse => ({
    status: 401,
    body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
  }),
  forbidden: (detail = 'Forbidden'): SimResponse => ({
    status: 403,
    body: { title: 'Forbidden', type: 'about:blank', status: 403, detail },
  }),
  invalid: (messages: string[], parameters: Record<string, unknown> = {}): SimResponse => ({
    status: 400,
    body: {
      errors: messages.map((message) => ({ parameters, message })),
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: `${PROBLEMS}invalid-request`,
    },
  }),
  notFound: (detail: string): SimResponse => ({
    status: 404,
    body: { title: 'Not Found Error', detail, type: `${PROBLEMS}resource-not-found` },
  }),
  tooMany: (retryAfterSeconds: number): SimResponse => {
    const reset = Math.ceil(Date.now() / 1000) + retryAfterSeconds
    return {
      status: 429,
      headers: {
        'x-rate-limit-limit': '100',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(reset),
      },
      body: {
        title: 'Too Many Requests',
        detail: 'Too Many Requests',
        type: 'about:blank',
        status: 429,
      },
    }
  },
  server: (status: number): SimResponse => {
    const title =
      status === 503
        ? 'Service Unavailable'
        : status === 502
          ? 'Bad Gateway'
          : 'Internal Server Error'
    return { status, body: { title, detail: title, type: 'about:blank', status } }
  },
}

/** Faults in X's own formats. */
export function renderXFault(
  fault: Extract<Fault, { type: 'rate_limit' | 'server_error' | 'reject_content' }>,
): SimResponse {
  if (fault.type === 'rate_limit') return xErrors.tooMany(fault.retryAfterSeconds)
  if (fault.type === 'server_error') return xErrors.server(fault.status ?? 503)
  return xErrors.invalid([fault.message ?? 'The content was rejected.'])
}

export interface RouteOptions {
  /**
   * Posts an account may create per 24 hours (X's per-user cap on POST /2/tweets, which depends on
   * the plan); undefined: no cap. Answers carry `x-user-limit-24hour-limit/remaining/reset`.
   */
  dailyPostCap?: number
  /** Refuse a post whose text equals one the account posted within this window (X's duplicate rule). */
  duplicateWindowMs: number
  /** Requests that did not validate against the OpenAPI file, for tests to assert none. */
  invalidRequests: { method: string; url: string; problems: string[] }[]
}

const iso = (ms: number) => new Date(ms).toISOString()
const decode = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

function fieldsOf(request: RecordedRequest, name: string): Set<string> {
  return new Set((request.query.get(name) ?? '').split(',').filter(Boolean))
}

export function tweetJson(state: XState, tweet: SimTweet, fields: Set<string>, viewer: SimAccount) {
  const recent = state.clock.now() - tweet.created_at < 30 * 86_400_000
  const own = tweet.author_id === viewer.id
  const m = tweet.metrics
  return {
    id: tweet.id,
    text: tweet.text,
    edit_history_tweet_ids: [tweet.id],
    ...(fields.has('author_id') ? { author_id: tweet.author_id } : {}),
    ...(fields.has('created_at') ? { created_at: iso(tweet.created_at) } : {}),
    ...(fields.has('conversation_id') ? { conversation_id: tweet.conversation_id } : {}),
    ...(fields.has('display_text_range') ? { display_text_range: tweet.display_text_range } : {}),
    ...(fields.has('in_reply_to_user_id') && tweet.in_reply_to_user_id
      ? { in_reply_to_user_id: tweet.in_reply_to_user_id }
      : {}),
    ...(fields.has('referenced_tweets') && tweet.referenced_tweets
      ? { referenced_tweets: tweet.referenced_tweets }
      : {}),
    ...(fields.has('public_metrics')
      ? {
          public_metrics: {
            retweet_count: m.retweet_count,
            reply_count: m.reply_count,
            like_count: m.like_count,
            quote_count: m.quote_count,
            bookmark_count: m.bookmark_count,
            impression_count: m.impression_count,
          },
        }
      : {}),
    ...(fields.has('non_public_metrics') && own && recent
      ? {
          non_public_metrics: {
            impression_count: m.impression_count,
            url_link_clicks: m.url_link_clicks,
            user_profile_clicks: m.user_profile_clicks,
          },
        }
      : {}),
    ...(fields.has('organic_metrics') && own && recent
      ? {
          organic_metrics: {
            impression_count: m.impression_count,
            like_count: m.like_count,
            reply_count: m.reply_count,
            retweet_count: m.retweet_count,
            url_link_clicks: m.url_link_clicks,
            user_profile_clicks: m.user_profile_clicks,
          },
        }
      : {}),
  }
}

function userJson(user: SimUser, fields: Set<string>) {
  return {
    id: user.id,
    name: user.name,
    username: user.username,
    ...(fields.has('profile_image_url') ? { profile_image_url: user.profile_image_url } : {}),
  }
}

/** Newest first, `pagination_token` = the id to continue below, as an opaque token. */
function page<T extends { id: string }>(items: T[], request: RecordedRequest, defaultMax: number) {
  const max = Number(request.query.get('max_results') ?? defaultMax)
  // Search pages with `next_token`; timelines with `pagination_token`.
  const token = request.query.get('pagination_token') ?? request.query.get('next_token')
  const below = token ? Buffer.from(token, 'base64url').toString('utf8') : undefined
  const sorted = [...items].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
  const start = below ? sorted.filter((i) => BigInt(i.id) < BigInt(below)) : sorted
  const data = start.slice(0, max)
  const more = start.length > max
  return {
    data,
    meta: {
      result_count: data.length,
      ...(data.length ? { newest_id: data[0]!.id, oldest_id: data.at(-1)!.id } : {}),
      ...(more ? { next_token: Buffer.from(data.at(-1)!.id).toString('base64url') } : {}),
    },
  }
}

function includesUsers(state: XState, ids: (string | undefined)[], request: RecordedRequest) {
  const users = [...new Set(ids.filter((id): id is string => !!id))]
    .map((id) => state.user(id))
    .filter((u): u is SimUser => !!u)
    .map((u) => userJson(u, fieldsOf(request, 'user.fields')))
  return users.length ? { includes: { users } } : {}
}

function listTweets(
  state: XState,
  request: RecordedRequest,
  viewer: SimAccount,
  tweets: SimTweet[],
): SimResponse {
  const paged = page(tweets, request, 10)
  const fields = fieldsOf(request, 'tweet.fields')
  const expand = fieldsOf(request, 'expansions').has('author_id')
  return {
    status: 200,
    body: {
      ...(paged.data.length
        ? { data: paged.data.map((t) => tweetJson(state, t, fields, viewer)) }
        : {}),
      ...(expand
        ? includesUsers(
            state,
            paged.data.map((t) => t.author_id),
            request,
          )
        : {}),
      meta: paged.meta,
    },
  }
}

function createTweet(
  state: XState,
  account: SimAccount,
  body: Record<string, unknown>,
  options: RouteOptions,
): SimResponse {
  const text = typeof body.text === 'string' ? body.text : ''
  const media = (body.media as { media_ids?: string[] } | undefined)?.media_ids
  const poll = body.poll as SimTweet['poll']
  const reply = (body.reply as { in_reply_to_tweet_id?: string } | undefined)?.in_reply_to_tweet_id
  const quote = body.quote_tweet_id as string | undefined
  if (!text && !media?.length && !poll)
    return xErrors.invalid(['You must specify a Tweet text, media or a poll.'])
  if ((media || quote) && poll)
    return xErrors.invalid(['poll is mutually exclusive with media and quote_tweet_id.'])
  if (countText(text, 'twitter-weighted') > account.maxTextLength)
    return xErrors.forbidden(
      'Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.',
    )
  for (const id of media ?? []) {
    const item = state.media.get(id)
    if (!item || item.owner !== account.id || !item.finalized)
      return xErrors.invalid([`Your media IDs are invalid: ${id}.`], { 'media.media_ids': [id] })
    if (item.readyAt !== undefined && state.clock.now() < item.readyAt)
      return xErrors.invalid([
        `The media ${id} is still processing; wait for processing_info.state succeeded.`,
      ])
  }
  const parent = reply ? state.tweets.get(reply) : undefined
  if (reply && (!parent || parent.deleted))
    return xErrors.invalid(
      ['The Tweet you are replying to has been deleted or is not visible to you.'],
      { 'reply.in_reply_to_tweet_id': [reply] },
    )
  if (quote && !state.tweets.get(quote))
    return xErrors.invalid([`Could not find the Tweet to quote: ${quote}.`])
  if (options.duplicateWindowMs > 0) {
    const since = state.clock.now() - options.duplicateWindowMs
    const stored = decode(storedText(text).replace(/https:\/\/t\.co\/\S+/g, ''))
    const duplicate = state
      .liveTweets()
      .some(
        (t) =>
          t.author_id === account.id &&
          t.created_at >= since &&
          decode(t.displayText.replace(/https:\/\/t\.co\/\S+/g, '')) === stored,
      )
    if (duplicate)
      return xErrors.forbidden('You are not allowed to create a Tweet with duplicate content.')
  }
  const id = state.ids.next()
  // A reply's stored text starts with the mention of the author replied to (outside display_text_range).
  const author = parent ? state.user(parent.author_id) : undefined
  const prefix = author && parent!.author_id !== account.id ? `@${author.username} ` : ''
  const display = storedText(text)
  // Attached media show as one t.co link after the text, outside display_text_range.
  const mediaLink = media?.length ? `${display ? ' ' : ''}https://t.co/${id.slice(-10)}` : ''
  const full = prefix + display + mediaLink
  const tweet: SimTweet = {
    id,
    text: full,
    displayText: display,
    display_text_range: [[...prefix].length, [...prefix].length + [...display].length],
    author_id: account.id,
    created_at: state.clock.now(),
    conversation_id: parent?.conversation_id ?? id,
    ...(parent ? { in_reply_to_user_id: parent.author_id } : {}),
    ...(reply || quote
      ? {
          referenced_tweets: [
            ...(reply ? [{ type: 'replied_to' as const, id: reply }] : []),
            ...(quote ? [{ type: 'quoted' as const, id: quote }] : []),
          ],
        }
      : {}),
    ...(media?.length ? { media_ids: media } : {}),
    ...(poll ? { poll } : {}),
    ...(typeof body.reply_settings === 'string' ? { reply_settings: body.reply_settings } : {}),
    deleted: false,
    metrics: {
      retweet_count: 0,
      reply_count: 0,
      like_count: 0,
      quote_count: 0,
      bookmark_count: 0,
      impression_count: 0,
      url_link_clicks: 0,
      user_profile_clicks: 0,
    },
  }
  state.tweets.set(id, tweet)
  if (parent) parent.metrics.reply_count++
  return { status: 201, body: { data: { id, text: full, edit_history_tweet_ids: [id] } } }
}

function conversationId(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`
}

export function sendDm(state: XState, from: string, to: string, text: string) {
  const event = {
    id: state.ids.next(),
    event_type: 'MessageCreate' as const,
    text,
    sender_id: from,
    dm_conversation_id: conversationId(from, to),
    participant_ids: [from, to] as [string, string],
    created_at: state.clock.now(),
  }
  state.dms.push(event)
  return event
}

function media(
  state: XState,
  account: SimAccount,
  request: RecordedRequest,
  op: MatchedOperation,
): SimResponse {
  const upload = (item: ReturnType<XState['media']['get']> & object) => {
    const processing = item.readyAt !== undefined
    const ready = !processing || state.clock.now() >= item.readyAt!
    return {
      status: 200,
      body: {
        data: {
          id: item.id,
          media_key: item.media_key,
          expires_after_secs: 86400,
          size: item.total_bytes,
          ...(processing && item.finalized
            ? {
                processing_info: ready
                  ? { state: 'succeeded', progress_percent: 100 }
                  : { state: 'in_progress', check_after_secs: 5, progress_percent: 40 },
              }
            : {}),
        },
      },
    }
  }
  if (op.template === '/2/media/upload/initialize') {
    const body = request.body as { media_type: string; total_bytes: number; media_category: string }
    const id = state.ids.next()
    const prefix =
      body.media_category === 'tweet_video' ? '7' : body.media_category === 'tweet_gif' ? '16' : '3'
    state.media.set(id, {
      id,
      media_key: `${prefix}_${id}`,
      owner: account.id,
      media_type: body.media_type,
      media_category: body.media_category,
      total_bytes: body.total_bytes,
      received: new Map(),
      finalized: false,
    })
    return upload(state.media.get(id)!)
  }
  const id =
    op.params.id ??
    request.query.get('media_id') ??
    (request.body as { id?: string } | undefined)?.id ??
    ''
  const item = state.media.get(id)
  if (!item || item.owner !== account.id)
    return xErrors.invalid([`Media id ${id} is not an upload of this account.`])
  if (op.template === '/2/media/upload/{id}/append') {
    const body = request.body as { media: { size?: number } | string; segment_index: string }
    const size =
      typeof body.media === 'string'
        ? Buffer.from(body.media, 'base64').length
        : (body.media.size ?? 0)
    if (size > 5 * 1024 * 1024) return xErrors.invalid(['A media segment may be at most 5 MB.'])
    item.received.set(Number(body.segment_index), size)
    return { status: 200, body: { data: { expires_at: Math.floor(Date.now() / 1000) + 86400 } } }
  }
  if (op.template === '/2/media/upload/{id}/finalize') {
    const received = [...item.received.values()].reduce((a, b) => a + b, 0)
    if (received !== item.total_bytes)
      return xErrors.invalid([
        `File size mismatch: received ${received} bytes of the ${item.total_bytes} declared in initialize.`,
      ])
    item.finalized = true
    // Videos and GIFs are transcoded: ready 10 simulated seconds later.
    if (item.media_category !== 'tweet_image') item.readyAt = state.clock.now() + 10_000
    return upload(item)
  }
  if (op.template === '/2/media/metadata') {
    item.alt_text = (request.body as { metadata?: { alt_text?: { text?: string } } }).metadata
      ?.alt_text?.text
    return { status: 200, body: { data: { id: item.id, associated_metadata: true } } }
  }
  return upload(item)
}

/** POST /2/oauth2/token: the authorization code (with PKCE S256) and refresh token grants. */
function tokenEndpoint(state: XState, request: RecordedRequest): SimResponse {
  const fields = (request.body ?? {}) as Record<string, string>
  const invalid = (description: string): SimResponse => ({
    status: 400,
    body: { error: 'invalid_request', error_description: description },
  })
  const basic = String(request.headers.authorization ?? '')
  const clientId =
    fields.client_id ??
    (basic.startsWith('Basic ')
      ? decodeURIComponent(Buffer.from(basic.slice(6), 'base64').toString().split(':')[0]!)
      : undefined)
  if (!clientId)
    return {
      status: 401,
      body: {
        error: 'unauthorized_client',
        error_description: 'Missing valid authorization header',
      },
    }
  const issue = (account: SimAccount, scopes: string[]): SimResponse => {
    account.accessToken = token('sim-x-access-')
    account.refreshToken = token('sim-x-refresh-')
    account.scopes = new Set(scopes)
    account.accessExpiresAt = state.clock.now() + ACCESS_TOKEN_LIFETIME_S * 1000
    account.expired = false
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      body: {
        token_type: 'bearer',
        expires_in: ACCESS_TOKEN_LIFETIME_S,
        access_token: account.accessToken,
        scope: scopes.join(' '),
        ...(scopes.includes('offline.access') ? { refresh_token: account.refreshToken } : {}),
      },
    }
  }
  if (fields.grant_type === 'authorization_code') {
    const grant = state.codes.get(fields.code ?? '')
    state.codes.delete(fields.code ?? '')
    if (
      !grant ||
      grant.expiresAt < state.clock.now() ||
      grant.clientId !== clientId ||
      grant.redirectUri !== fields.redirect_uri
    )
      return invalid('Value passed for the authorization code was invalid.')
    const challenge = createHash('sha256')
      .update(fields.code_verifier ?? '')
      .digest('base64url')
    if (challenge !== grant.codeChallenge)
      return invalid('Value passed for the code_verifier was invalid.')
    return issue(state.accounts.get(grant.accountId)!, grant.scopes)
  }
  if (fields.grant_type === 'refresh_token') {
    const account = state.accountByRefreshToken(fields.refresh_token ?? '')
    if (!account || account.revoked) return invalid('Value passed for the token was invalid.')
    return issue(account, [...account.scopes])
  }
  return invalid('Missing required parameter [grant_type].')
}

/** GET /i/oauth2/authorize: X's consent page, approved at once for the given or a new account. */
function authorizePage(
  state: XState,
  request: RecordedRequest,
  connect: () => SimAccount,
): SimResponse {
  const q = request.query
  const redirect = q.get('redirect_uri')
  if (
    q.get('response_type') !== 'code' ||
    !q.get('client_id') ||
    !redirect ||
    !q.get('code_challenge') ||
    q.get('code_challenge_method') !== 'S256'
  )
    return {
      status: 400,
      body: 'Something went wrong: the authorize request needs response_type=code, client_id, redirect_uri, code_challenge and code_challenge_method=S256.',
    }
  const account = connect()
  const code = token('sim-x-code-')
  state.codes.set(code, {
    clientId: q.get('client_id')!,
    redirectUri: redirect,
    codeChallenge: q.get('code_challenge')!,
    scopes: (q.get('scope') ?? '').split(' ').filter(Boolean),
    accountId: account.id,
    // X's codes are valid for 30 seconds.
    expiresAt: state.clock.now() + 30_000,
  })
  const target = new URL(redirect)
  target.searchParams.set('code', code)
  if (q.get('state') !== null) target.searchParams.set('state', q.get('state')!)
  return { status: 302, headers: { location: target.toString() }, body: '' }
}

const DAY_MS = 86_400_000

/** X's 24-hour user cap on creating posts: headers on every answer, 429 once it is used up. */
function withDailyCap(
  state: XState,
  account: SimAccount,
  options: RouteOptions,
  create: () => SimResponse,
): SimResponse {
  const cap = options.dailyPostCap
  if (cap === undefined) return create()
  const now = state.clock.now()
  const recent = state
    .liveTweets()
    .filter((t) => t.author_id === account.id && t.created_at > now - DAY_MS)
  const oldest = recent.reduce((min, t) => Math.min(min, t.created_at), now)
  // The header is a Unix time on the real clock, which the client measures against.
  const reset = Math.ceil((Date.now() + (oldest + DAY_MS - now)) / 1000)
  const headers = (remaining: number) => ({
    'x-user-limit-24hour-limit': String(cap),
    'x-user-limit-24hour-remaining': String(Math.max(0, remaining)),
    'x-user-limit-24hour-reset': String(reset),
    'x-rate-limit-limit': '100',
    'x-rate-limit-remaining': '99',
    'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 900),
  })
  if (recent.length >= cap) {
    const limited = xErrors.tooMany(0)
    return { ...limited, headers: headers(0) }
  }
  const response = create()
  return {
    ...response,
    headers: {
      ...response.headers,
      ...headers(cap - recent.length - (response.status < 300 ? 1 : 0)),
    },
  }
}

/** Routes one request: OAuth pages, then OpenAPI validation, bearer auth and scopes, then the operation. */
export function createXHandler(state: XState, options: RouteOptions, connect: () => SimAccount) {
  return (request: RecordedRequest): SimResponse => {
    if (request.path.startsWith('/_sim/media/')) {
      const file = state.files.get(request.path.slice('/_sim/media/'.length))
      return file
        ? { status: 200, headers: { 'content-type': file.mimeType }, body: file.bytes }
        : { status: 404, body: 'no such file' }
    }
    if (request.method === 'GET' && request.path === '/i/oauth2/authorize')
      return authorizePage(state, request, connect)
    if (request.method === 'POST' && request.path === '/2/oauth2/token')
      return tokenEndpoint(state, request)

    const check = checkRequest({
      method: request.method,
      path: request.path,
      query: request.query,
      body: request.body,
      contentType: request.headers['content-type'] as string | undefined,
    })
    if (check.problems.length) {
      options.invalidRequests.push({
        method: request.method,
        url: request.url,
        problems: check.problems,
      })
      return xErrors.invalid(check.problems)
    }
    const op = check.matched!
    const auth = String(request.headers.authorization ?? '')
    const account = auth.startsWith('Bearer ') ? state.accountByToken(auth.slice(7)) : undefined
    if (
      !account ||
      account.revoked ||
      account.expired ||
      (account.accessExpiresAt !== undefined && state.clock.now() > account.accessExpiresAt)
    )
      return xErrors.unauthorized()
    const missing = op.scopes.filter((s) => !account.scopes.has(s))
    if (missing.length) return xErrors.forbidden('Forbidden')

    const key = `${request.method} ${op.template}`
    const body = (request.body ?? {}) as Record<string, unknown>
    switch (key) {
      case 'POST /2/tweets':
        return withDailyCap(state, account, options, () =>
          createTweet(state, account, body, options),
        )
      case 'DELETE /2/tweets/{id}': {
        const tweet = state.tweets.get(op.params.id!)
        if (!tweet || tweet.deleted) return { status: 200, body: { data: { deleted: false } } }
        if (tweet.author_id !== account.id)
          return xErrors.forbidden('You are not allowed to delete a Tweet that is not yours.')
        tweet.deleted = true
        return { status: 200, body: { data: { deleted: true } } }
      }
      case 'GET /2/tweets': {
        const ids = request.query.get('ids')!.split(',')
        const fields = fieldsOf(request, 'tweet.fields')
        const found = ids
          .map((id) => state.tweets.get(id))
          .filter((t): t is SimTweet => !!t && !t.deleted)
        const missingIds = ids.filter((id) => !found.some((t) => t.id === id))
        return {
          status: 200,
          body: {
            ...(found.length
              ? { data: found.map((t) => tweetJson(state, t, fields, account)) }
              : {}),
            ...(missingIds.length
              ? {
                  errors: missingIds.map((id) => ({
                    value: id,
                    detail: `Could not find tweet with ids: [${id}].`,
                    title: 'Not Found Error',
                    resource_type: 'tweet',
                    parameter: 'ids',
                    resource_id: id,
                    type: `${PROBLEMS}resource-not-found`,
                  })),
                }
              : {}),
          },
        }
      }
      case 'GET /2/users/me':
        return { status: 200, body: { data: userJson(account, fieldsOf(request, 'user.fields')) } }
      case 'GET /2/users/{id}/mentions': {
        const user = state.user(op.params.id!)
        if (!user) return xErrors.notFound(`Could not find user with id: [${op.params.id}].`)
        const since = request.query.get('since_id')
        const mention = new RegExp(`(^|\\W)@${user.username}\\b`, 'i')
        return listTweets(
          state,
          request,
          account,
          state
            .liveTweets()
            .filter(
              (t) =>
                t.author_id !== user.id &&
                mention.test(t.text) &&
                (!since || BigInt(t.id) > BigInt(since)),
            ),
        )
      }
      case 'GET /2/users/{id}/tweets': {
        const start = request.query.get('start_time')
        const exclude = fieldsOf(request, 'exclude')
        return listTweets(
          state,
          request,
          account,
          state
            .liveTweets()
            .filter(
              (t) =>
                t.author_id === op.params.id &&
                (!start || t.created_at >= Date.parse(start)) &&
                !(exclude.has('replies') && t.in_reply_to_user_id),
            ),
        )
      }
      case 'GET /2/tweets/search/recent': {
        const query = request.query.get('query') ?? ''
        const conversation = /conversation_id:(\d+)/.exec(query)?.[1]
        return listTweets(
          state,
          request,
          account,
          state
            .liveTweets()
            .filter((t) =>
              conversation
                ? t.conversation_id === conversation && t.id !== conversation
                : decode(t.text).includes(query),
            ),
        )
      }
      case 'GET /2/dm_events': {
        const events = state.dms.filter((e) => e.participant_ids.includes(account.id))
        const paged = page(events, request, 100)
        const fields = fieldsOf(request, 'dm_event.fields')
        return {
          status: 200,
          body: {
            ...(paged.data.length
              ? {
                  data: paged.data.map((e) => ({
                    id: e.id,
                    event_type: e.event_type,
                    text: e.text,
                    ...(fields.has('sender_id') ? { sender_id: e.sender_id } : {}),
                    ...(fields.has('dm_conversation_id')
                      ? { dm_conversation_id: e.dm_conversation_id }
                      : {}),
                    ...(fields.has('created_at') ? { created_at: iso(e.created_at) } : {}),
                  })),
                }
              : {}),
            ...(fieldsOf(request, 'expansions').has('sender_id')
              ? includesUsers(
                  state,
                  paged.data.map((e) => e.sender_id),
                  request,
                )
              : {}),
            meta: paged.meta,
          },
        }
      }
      case 'POST /2/dm_conversations/with/{participant_id}/messages': {
        const to = op.params.participant_id!
        if (!state.user(to)) return xErrors.notFound(`Could not find user with id: [${to}].`)
        const event = sendDm(state, account.id, to, String(body.text ?? ''))
        return {
          status: 201,
          body: { data: { dm_conversation_id: event.dm_conversation_id, dm_event_id: event.id } },
        }
      }
      default:
        return media(state, account, request, op)
    }
  }
}
