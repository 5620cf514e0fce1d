import type { z } from 'zod'
import type { Platform } from '../platform.js'
import { ProviderError } from '../errors.js'
import { redactSecrets } from '../redact.js'

export type FetchFn = typeof globalThis.fetch

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'
  url: URL
  headers?: Record<string, string>
  /** A plain object is sent as JSON; FormData, URLSearchParams and strings as they are. */
  body?: unknown
  signal?: AbortSignal
}

export interface HttpResponse {
  status: number
  headers: Headers
  /** Parsed JSON when the body is JSON, else `undefined`. */
  json: unknown
  text: string
}

export interface HttpContext {
  platform: Platform
  fetch: FetchFn
  /** Exact secret values (tokens) to scrub from anything that ends up in an error. */
  secrets: readonly string[]
  /** Turns a non-success answer into a ProviderError; gets the response already read. */
  classify(response: HttpResponse): ProviderError
  /** Telegram answers some errors with 2xx-less bodies and some successes need a look: default is `status < 300`. */
  isSuccess?(response: HttpResponse): boolean
}

// Failures that happen before a single byte of the request can reach the platform.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
])

function errorCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * Classifies a failure of `fetch` itself (no HTTP answer). A refused connection or a failed DNS
 * lookup is `not_sent`; anything after the connection opened (a reset, a timeout, an abort) is
 * `unknown`, because the platform may have acted on the request.
 */
export function networkError(
  platform: Platform,
  error: unknown,
  secrets: readonly string[] = [],
  signal?: AbortSignal,
): ProviderError {
  const code = errorCode(error)
  const aborted =
    signal?.aborted ||
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
  const outcome = code !== undefined && NOT_SENT_CODES.has(code) ? 'not_sent' : 'unknown'
  const what = aborted ? 'timed out or was cancelled' : `failed${code ? ` (${code})` : ''}`
  return new ProviderError({
    kind: 'transient',
    platform,
    outcome,
    message: `The request to ${platform} ${what}${outcome === 'unknown' ? '; it may have reached the platform' : ' before reaching the platform'}.`,
    cause: error,
    secrets,
  })
}

function encodeBody(body: unknown, headers: Record<string, string>): RequestInit['body'] {
  if (body === undefined) return undefined
  if (
    typeof body === 'string' ||
    body instanceof URLSearchParams ||
    body instanceof FormData ||
    body instanceof Uint8Array
  ) {
    return body as RequestInit['body']
  }
  headers['content-type'] ??= 'application/json'
  return JSON.stringify(body)
}

/**
 * Sends one request through the injected `fetch` and returns the answer, or throws a
 * ProviderError: `networkError` when nothing came back, `context.classify` for a failure answer.
 * It never retries: retries are the worker's decision.
 */
export async function sendRequest(
  context: HttpContext,
  request: HttpRequest,
): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers }
  const body = encodeBody(request.body, headers)
  let res: Response
  let text: string
  try {
    res = await context.fetch(request.url, {
      method: request.method,
      headers,
      body,
      signal: request.signal,
    })
    text = await res.text()
  } catch (error) {
    throw networkError(context.platform, error, context.secrets, request.signal)
  }
  let json: unknown
  if (text) {
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
  }
  const response: HttpResponse = { status: res.status, headers: res.headers, json, text }
  const ok = context.isSuccess ? context.isSuccess(response) : res.status < 300
  if (!ok) {
    const error = context.classify(response)
    // Keep what the classifier attached; otherwise attach the exchange (never enumerable).
    if (error.response === undefined) {
      Object.defineProperty(error, 'response', {
        value: response,
        enumerable: false,
        configurable: true,
      })
    }
    if (error.request === undefined) {
      Object.defineProperty(error, 'request', {
        value: {
          method: request.method,
          url: redactSecrets(request.url.toString(), context.secrets),
        },
        enumerable: false,
        configurable: true,
      })
    }
    throw error
  }
  return response
}

/** Joins the documented path to the origin that replaces the platform's (`baseUrl` option). */
export function endpoint(
  baseUrl: string,
  path: string,
  query?: Record<string, string | number | undefined>,
): URL {
  // String joining, not `new URL(path, base)`: a Telegram path segment like `bot123:ABC` would
  // otherwise parse as a URL scheme.
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`)
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value))
  }
  return url
}

/** A ProviderError for an answer that arrived but did not have the documented shape. */
export function unexpectedResponse(
  platform: Platform,
  response: HttpResponse,
  detail: string,
  secrets: readonly string[] = [],
): ProviderError {
  return new ProviderError({
    kind: 'transient',
    platform,
    // The platform answered with success, so it may well have acted.
    outcome: 'unknown',
    status: response.status,
    message: `${platform} answered ${response.status} with an unexpected body: ${detail}.`,
    secrets,
  })
}

/**
 * The fields of an answer, parsed with the schema of the fields the adapter reads; an answer of
 * another shape is `unexpectedResponse`, `detail` saying what was expected (it gets zod's first
 * issue).
 */
export function parseResponse<S extends z.ZodType>(
  platform: Platform,
  response: HttpResponse,
  schema: S,
  detail: (issue: string) => string,
  secrets: readonly string[] = [],
): z.infer<S> {
  const parsed = schema.safeParse(response.json)
  if (!parsed.success)
    throw unexpectedResponse(
      platform,
      response,
      detail(parsed.error.issues[0]?.message ?? ''),
      secrets,
    )
  return parsed.data
}
