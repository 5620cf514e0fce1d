/**
 * `@statex/graph/testing`: what every Meta simulator shares, written once: Graph error envelopes
 * and the token errors, Business Use Case usage headers, access-token and appsecret_proof checks,
 * signed webhook deliveries with a pusher, and Meta's GET handshake against a webhook URL.
 */
import { createHmac, randomBytes, randomInt } from 'node:crypto'
import type { WebhookRequest } from '@statex/core'
import {
  faultControls,
  type Fault,
  type FaultQueue,
  type RecordedRequest,
  type SimClock,
  type SimResponse,
} from '@statex/testkit/simulator'
import { appSecretProof } from './appsecret-proof.js'

/** One Graph error answer as Meta sends it. */
export interface GraphErrorInit {
  status: number
  code: number
  message: string
  subcode?: number
  type?: string
  transient?: boolean
  userTitle?: string
  userMessage?: string
  /** `error_data` as the product sends it (WhatsApp: `{ messaging_product, details }`). */
  errorData?: unknown
  headers?: Record<string, string>
}

const traceId = () => randomBytes(9).toString('base64url')

/** Digits in the shape of a Graph object id. */
export const graphId = (n = 15) =>
  Array.from({ length: n }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10))).join('')

/** The Graph error envelope (`message`, `type`, `code`, `error_subcode`, `is_transient`, `fbtrace_id`). */
export function graphError(init: GraphErrorInit): SimResponse {
  const error: Record<string, unknown> = {
    message: init.message,
    type: init.type ?? 'OAuthException',
    code: init.code,
  }
  if (init.subcode !== undefined) error.error_subcode = init.subcode
  if (init.transient !== undefined) error.is_transient = init.transient
  if (init.userTitle) error.error_user_title = init.userTitle
  if (init.userMessage) error.error_user_msg = init.userMessage
  if (init.errorData !== undefined) error.error_data = init.errorData
  error.fbtrace_id = traceId()
  const headers: Record<string, string> = { ...init.headers }
  if (init.status === 401) headers['www-authenticate'] = 'OAuth "Facebook Platform" "invalid_token"'
  return { status: init.status, headers, body: { error } }
}

export const invalidToken = (): SimResponse =>
  graphError({
    status: 401,
    code: 190,
    message: 'Invalid OAuth access token - Cannot parse access token',
  })

export const expiredToken = (now: Date): SimResponse =>
  graphError({
    status: 401,
    code: 190,
    subcode: 463,
    message: `Error validating access token: Session has expired on ${new Date(now.getTime() - 3600_000).toUTCString()}. The current time is ${now.toUTCString()}.`,
  })

export const revokedToken = (): SimResponse =>
  graphError({
    status: 401,
    code: 190,
    subcode: 460,
    message:
      'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  })

export const invalidAppSecretProof = (): SimResponse =>
  graphError({
    status: 400,
    code: 100,
    type: 'GraphMethodException',
    message: 'Invalid appsecret_proof provided in the API argument',
  })

export const unknownObject = (id: string, method = 'get'): SimResponse =>
  graphError({
    status: 400,
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message: `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  })

export const unknownPath = (path: string): SimResponse =>
  graphError({ status: 400, code: 2500, message: `Unknown path components: ${path}` })

/** `(#100) …` for a missing or bad parameter, as Graph validates requests. */
export const parameterError = (message: string, subcode?: number): SimResponse =>
  graphError({
    status: 400,
    code: 100,
    message: `(#100) ${message}`,
    ...(subcode ? { subcode } : {}),
  })

/**
 * `X-Business-Use-Case-Usage` as Meta sends it; `estimated_time_to_regain_access` is in whole
 * minutes, so a wait of seconds rounds up.
 */
export function usageHeader(businessId: string, type: string, retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60)
  return JSON.stringify({
    [businessId]: [
      {
        type,
        call_count: minutes > 0 ? 100 : 12,
        total_cputime: minutes > 0 ? 100 : 4,
        total_time: minutes > 0 ? 100 : 5,
        estimated_time_to_regain_access: minutes,
      },
    ],
  })
}

/** The access token of a Graph request: the bearer header, else the `access_token` parameter. */
export function tokenOf(request: RecordedRequest): string | undefined {
  const header = request.headers.authorization
  const bearer =
    typeof header === 'string' ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header)?.[1] : undefined
  const fromBody =
    request.body && typeof request.body === 'object'
      ? (request.body as Record<string, unknown>).access_token
      : undefined
  return (
    bearer ??
    request.query.get('access_token') ??
    (typeof fromBody === 'string' ? fromBody : undefined)
  )
}

/**
 * Graph's appsecret_proof check: a proof that is present must match; one that is missing is an
 * error only when the app requires it ("Require App Secret").
 */
export function checkAppSecretProof(
  request: RecordedRequest,
  token: string,
  appSecret: string,
  required: boolean,
): SimResponse | undefined {
  const given = request.query.get('appsecret_proof')
  if (given === null)
    return required
      ? graphError({
          status: 400,
          code: 100,
          type: 'GraphMethodException',
          message: 'API calls from the server require an appsecret_proof argument',
        })
      : undefined
  return given === appSecretProof(token, appSecret) ? undefined : invalidAppSecretProof()
}

/** The body exactly as sent and its `X-Hub-Signature-256`, HMAC-SHA256 of those bytes with the app secret. */
export function signedDelivery(
  payload: unknown,
  appSecret: string,
): WebhookRequest & { rawBody: string } {
  const rawBody = JSON.stringify(payload)
  const signature = createHmac('sha256', appSecret)
    .update(Buffer.from(rawBody, 'utf8'))
    .digest('hex')
  return {
    headers: {
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      'x-hub-signature-256': `sha256=${signature}`,
    },
    rawBody,
    query: {},
  }
}

export interface WebhookLogEntry {
  delivery: WebhookRequest & { rawBody: string }
  /** HTTP status of the push, or the error, once it is done; undefined when nothing was pushed. */
  result?: number | string
}

/**
 * Signs and pushes webhook deliveries to a URL (when one is set), keeping every delivery in a log
 * and tracking pushes in flight so `flush` can wait for them.
 */
export function createWebhookPusher(options: { appSecret: string; url?: string }) {
  const log: WebhookLogEntry[] = []
  const pending = new Set<Promise<void>>()
  let url = options.url
  const track = (promise: Promise<void>) => {
    const tracked = promise.finally(() => pending.delete(tracked))
    pending.add(tracked)
  }
  return {
    log: log as readonly WebhookLogEntry[],
    setUrl(next: string | undefined) {
      url = next
    },
    push(payload: unknown): void {
      const entry: WebhookLogEntry = { delivery: signedDelivery(payload, options.appSecret) }
      log.push(entry)
      if (!url) return
      track(
        fetch(url, {
          method: 'POST',
          headers: entry.delivery.headers as Record<string, string>,
          body: entry.delivery.rawBody,
          signal: AbortSignal.timeout(5_000),
        })
          .then(async (res) => {
            await res.arrayBuffer()
            entry.result = res.status
          })
          .catch((error: unknown) => {
            entry.result = error instanceof Error ? error.message : String(error)
          }),
      )
    },
    /** Runs `fn` once the current answer is on its way (Meta's webhooks follow the answer). */
    afterAnswer(fn: () => void): void {
      track(new Promise<void>((resolve) => setImmediate(() => (fn(), resolve()))))
    },
    async flush(): Promise<void> {
      while (pending.size) await Promise.all([...pending])
    },
  }
}

export type WebhookPusher = ReturnType<typeof createWebhookPusher>

/** Meta's GET handshake against a webhook URL: true when it echoes the challenge. */
export async function verifyWebhookEndpoint(url: string, verifyToken: string): Promise<boolean> {
  const challenge = graphId(10)
  const target = new URL(url)
  target.searchParams.set('hub.mode', 'subscribe')
  target.searchParams.set('hub.verify_token', verifyToken)
  target.searchParams.set('hub.challenge', challenge)
  const res = await fetch(target)
  return res.status === 200 && (await res.text()) === challenge
}

export { changePayload, messagingPayload } from './messaging.js'

/** Graph's time format: `2026-12-01T20:00:00+0000`. */
export const graphTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000')

/** Graph list pages: `data`, `paging.cursors` (opaque offsets here) and `paging.next` only while there is more. */
const PAGE_SIZE_MAX = 100

/** Graph's `after` cursors: opaque base64 offsets here. */
const cursorOf = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url')
function offsetOf(cursor: string | null): number {
  if (!cursor) return 0
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  return match ? Number(match[1]) : 0
}

export function graphPage<T>(items: readonly T[], request: RecordedRequest, defaultLimit = 25) {
  const limit = Math.min(
    PAGE_SIZE_MAX,
    Math.max(1, Number(request.query.get('limit') ?? defaultLimit) || defaultLimit),
  )
  const start = offsetOf(request.query.get('after'))
  const slice = items.slice(start, start + limit)
  const end = start + slice.length
  const paging: Record<string, unknown> = {
    cursors: { before: cursorOf(start), after: cursorOf(end) },
  }
  if (end < items.length) {
    const next = new URL(`https://graph.facebook.com${request.path}`)
    for (const [k, v] of request.query)
      if (k !== 'access_token' && k !== 'after') next.searchParams.set(k, v)
    next.searchParams.set('after', cursorOf(end))
    paging.next = next.toString()
  }
  return { data: slice, ...(items.length ? { paging } : {}) }
}

/** How one Meta product answers the contract kit's content and throttling faults. */
export interface GraphFaultStyle {
  /** The Business Use Case object (Page, IG user, WABA) and its type, for the usage header. */
  businessId: string
  useCase: string
  rateLimit: { code: number; message: string; errorData?: unknown }
  /** The product's own rejection answer; default `(#100) <message>` with `error_user_msg`. */
  reject?: (message: string | undefined) => SimResponse
}

/** Meta's answers to the faults a simulator is told to produce (throttling, 5xx, rejection). */
export function renderGraphFault(
  fault: Extract<Fault, { type: 'rate_limit' | 'server_error' | 'reject_content' }>,
  style: GraphFaultStyle,
): SimResponse {
  switch (fault.type) {
    case 'rate_limit':
      return graphError({
        status: 400,
        code: style.rateLimit.code,
        message: style.rateLimit.message,
        ...(style.rateLimit.errorData !== undefined
          ? { errorData: style.rateLimit.errorData }
          : {}),
        headers: {
          'x-business-use-case-usage': usageHeader(
            style.businessId,
            style.useCase,
            fault.retryAfterSeconds,
          ),
        },
      })
    case 'server_error': {
      const status = fault.status ?? 500
      return status === 500
        ? graphError({ status, code: 1, message: 'An unknown error occurred', transient: true })
        : graphError({
            status,
            code: 2,
            message: 'Service temporarily unavailable',
            transient: true,
          })
    }
    case 'reject_content':
      return style.reject
        ? style.reject(fault.message)
        : graphError({
            status: 400,
            code: 100,
            message: `(#100) ${fault.message ?? 'The request was rejected.'}`,
            ...(fault.message ? { userMessage: fault.message } : {}),
          })
  }
}

export type TokenState = 'valid' | 'expired' | 'revoked'

/**
 * The access tokens a simulator issued, with what each may reach, and Graph's answers for a
 * missing, unknown, expired or revoked token and for a wrong or missing appsecret_proof.
 */
export function createTokenRegistry<T>(options: {
  now: () => Date
  appSecret?: string
  requireAppSecretProof?: boolean
  /** The answer when no token was sent; default Graph's code 104. */
  missing?: () => SimResponse
}) {
  const tokens = new Map<string, { data: T; state: TokenState }>()
  const set = (token: string, state: TokenState) => {
    const entry = tokens.get(token)
    if (entry) entry.state = state
  }
  return {
    add: (token: string, data: T) => void tokens.set(token, { data, state: 'valid' }),
    get: (token: string) => tokens.get(token),
    expire: (token: string) => set(token, 'expired'),
    revoke: (token: string) => set(token, 'revoked'),
    authenticate(request: RecordedRequest): SimResponse | { token: string; data: T } {
      const token = tokenOf(request)
      if (!token)
        return (
          options.missing?.() ??
          graphError({
            status: 400,
            code: 104,
            message: 'An access token is required to request this resource.',
          })
        )
      const entry = tokens.get(token)
      if (!entry) return invalidToken()
      if (entry.state === 'expired') return expiredToken(options.now())
      if (entry.state === 'revoked') return revokedToken()
      const proof = options.appSecret
        ? checkAppSecretProof(
            request,
            token,
            options.appSecret,
            options.requireAppSecretProof ?? false,
          )
        : undefined
      return proof ?? { token, data: entry.data }
    },
  }
}

/**
 * Facebook Login as a simulator answers it: login codes (single use, 10 minutes, bound to the
 * redirect URI), `GET /oauth/access_token` for the code and for `fb_exchange_token`, and
 * `GET /me/accounts` (and `/me`) for the person's user tokens, listing `pages()` with their tokens.
 */
export function createFacebookLogin(options: {
  appId: string
  appSecret: string
  now: () => number
  /** The Pages the simulated person manages, as `/me/accounts` lists them. */
  pages: () => Record<string, unknown>[]
}) {
  const codes = new Map<string, { redirectUri: string; expiresAt: number }>()
  const userTokens = new Map<string, { longLived: boolean }>()
  const issueToken = (longLived: boolean) => {
    const token = `EAAG${randomBytes(24).toString('base64url')}`
    userTokens.set(token, { longLived })
    return token
  }
  function exchange(request: RecordedRequest): SimResponse {
    const q = request.query
    if (q.get('client_id') !== options.appId || q.get('client_secret') !== options.appSecret)
      return graphError({ status: 400, code: 1, message: 'Error validating client secret.' })
    if (q.get('grant_type') === 'fb_exchange_token') {
      if (!userTokens.has(q.get('fb_exchange_token') ?? '')) return invalidToken()
      return {
        status: 200,
        body: { access_token: issueToken(true), token_type: 'bearer', expires_in: 5_183_944 },
      }
    }
    const code = q.get('code') ?? ''
    const grant = codes.get(code)
    codes.delete(code)
    if (!grant || grant.expiresAt < options.now() || grant.redirectUri !== q.get('redirect_uri'))
      return graphError({
        status: 400,
        code: 100,
        subcode: 36007,
        message:
          'This authorization code has expired or was already used, or redirect_uri does not match.',
      })
    return {
      status: 200,
      body: { access_token: issueToken(false), token_type: 'bearer', expires_in: 5_400 },
    }
  }
  /**
   * The login dialog, approving at once as the person would: back to `redirect_uri` with `code`
   * and `state` (the real dialog asks first). Served on the simulator's origin, so the sandbox's
   * `/<platform>/v23.0/dialog/oauth` works as `dialogBaseUrl`.
   */
  function dialog(request: RecordedRequest): SimResponse {
    const q = request.query
    const redirectUri = q.get('redirect_uri')
    if (q.get('client_id') !== options.appId || !redirectUri || !/^https?:\/\//.test(redirectUri))
      return {
        status: 400,
        body: 'Invalid App ID or redirect_uri: the app id must be this app\u2019s and redirect_uri a full URL.',
      }
    const target = new URL(redirectUri)
    target.searchParams.set('code', issue(redirectUri))
    const state = q.get('state')
    if (state !== null) target.searchParams.set('state', state)
    return { status: 302, headers: { location: target.toString() } }
  }
  function issue(redirectUri: string): string {
    const code = `AQ${randomBytes(24).toString('base64url')}`
    codes.set(code, { redirectUri, expiresAt: options.now() + 10 * 60_000 })
    return code
  }
  return {
    /** A code, as the login dialog gives one after the person approves. */
    issueCode: issue,
    /** The answer for a login request, or `undefined` when the request is not one. */
    answer(request: RecordedRequest): SimResponse | undefined {
      const path = request.path.replace(/^\/v\d+\.\d+/, '')
      if (request.method === 'GET' && path === '/oauth/access_token') return exchange(request)
      if (request.method === 'GET' && path === '/dialog/oauth') return dialog(request)
      const token = tokenOf(request)
      if (!token || !userTokens.has(token) || !path.startsWith('/me')) return undefined
      if (path === '/me/accounts')
        return { status: 200, body: graphPage(options.pages(), request, 100) }
      if (path === '/me')
        return { status: 200, body: { id: '10158000000000001', name: 'Simulated Admin' } }
      return unknownPath(request.path)
    },
  }
}

/** The webhook controls every Meta simulator exposes, declared once for all three. */
export interface GraphWebhookControls {
  /** Every webhook the simulator produced (pushed or not), oldest first, signed. */
  readonly webhookLog: readonly WebhookLogEntry[]
  setWebhookUrl(url: string | undefined): void
  /** Waits until every pushed webhook has been answered. */
  flushWebhooks(): Promise<void>
  /** Meta's GET handshake against a webhook URL: true when it echoes the challenge. */
  verifyWebhookEndpoint(url: string, verifyToken: string): Promise<boolean>
}

/**
 * The bookkeeping members a Meta simulator builds from its parts, the same in all three: faults,
 * token expiry and revocation, the clock, webhooks, and a close that answers every pushed webhook
 * before the server stops. Spread into the simulator; a simulator with more to do overrides one.
 */
export function graphSimulatorControls(parts: {
  clock: Pick<SimClock, 'advance'>
  faults: Pick<FaultQueue, 'add' | 'clear'>
  tokens: { expire(token: string): void; revoke(token: string): void }
  webhooks: ReturnType<typeof createWebhookPusher>
  server: { close(): Promise<void> }
}) {
  const { clock, faults, tokens, webhooks, server } = parts
  return {
    webhookLog: webhooks.log,
    ...faultControls(faults),
    expireToken: (token: string) => tokens.expire(token),
    revokeToken: (token: string) => tokens.revoke(token),
    advance: (ms: number) => clock.advance(ms),
    setWebhookUrl: (url: string | undefined) => webhooks.setUrl(url),
    flushWebhooks: () => webhooks.flush(),
    verifyWebhookEndpoint,
    async close() {
      await webhooks.flush()
      await server.close()
    },
  }
}
