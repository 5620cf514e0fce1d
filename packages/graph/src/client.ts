import type { Platform } from '@statex/core'
import {
  endpoint,
  sendRequest,
  parseResponse,
  type FetchFn,
  type HttpContext,
  type HttpResponse,
} from '@statex/core/adapter'
import type { z } from 'zod'
import { appSecretProof } from './appsecret-proof.js'
import { DEFAULT_GRAPH_API_VERSION, graphBaseUrl, type GraphBaseOptions } from './base.js'
import { classifyGraphError, type GraphErrorContext } from './errors.js'

export interface GraphClientOptions extends GraphBaseOptions {
  /** How errors are named and classified for this product. */
  errors: GraphErrorContext
  fetch?: FetchFn
  /** When set, every call carries `appsecret_proof` for its token. */
  appSecret?: string
}

/**
 * A Meta adapter's client options from its own options: only what was given, the API version
 * pinned to the default so the login dialog and the calls agree on it.
 */
export function graphClientOptions(options: {
  baseUrl?: string
  apiVersion?: string
  fetch?: FetchFn
  appSecret?: string
}) {
  return {
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    apiVersion: options.apiVersion ?? DEFAULT_GRAPH_API_VERSION,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.appSecret ? { appSecret: options.appSecret } : {}),
  }
}

export interface GraphCall<T extends z.ZodType> {
  method: 'GET' | 'POST' | 'DELETE'
  /** The documented path after the version, e.g. `/{page-id}/feed`. */
  path: string
  query?: Record<string, string | number | boolean | undefined>
  /** Sent as JSON (plain object) or as it is (FormData, URLSearchParams). */
  body?: unknown
  signal?: AbortSignal
  /** The fields of the answer the caller reads; a mismatch is an `unexpectedResponse`. */
  schema: T
  /** What was missing, for that error. */
  expected: string
}

/**
 * A Graph client for one token: the versioned base, the bearer token, appsecret_proof, the
 * product's error classification, and zod parsing of the fields read. One request per call;
 * it never retries.
 */
/** `accessToken` is `undefined` only for the login calls that take the app's credentials instead. */
export function createGraphClient(options: GraphClientOptions, accessToken: string | undefined) {
  const base = graphBaseUrl(options)
  const platform: Platform = options.errors.platform
  const secrets = [accessToken, options.appSecret].filter((s): s is string => !!s)
  const context: HttpContext = {
    platform,
    fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
    secrets,
    classify: (response) => classifyGraphError(response, { ...options.errors, secrets }),
  }
  const proof =
    options.appSecret && accessToken ? appSecretProof(accessToken, options.appSecret) : undefined

  async function raw(
    call: Omit<GraphCall<z.ZodType>, 'schema' | 'expected'>,
  ): Promise<HttpResponse> {
    const query: Record<string, string | number | undefined> = {}
    for (const [key, value] of Object.entries(call.query ?? {}))
      if (value !== undefined) query[key] = typeof value === 'boolean' ? String(value) : value
    if (proof) query.appsecret_proof = proof
    return sendRequest(context, {
      method: call.method,
      url: endpoint(base, call.path, query),
      headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
      body: call.body,
      signal: call.signal,
    })
  }

  return {
    platform,
    secrets,
    /** Sends one call and returns the parsed fields, or throws a classified ProviderError. */
    async call<T extends z.ZodType>(call: GraphCall<T>): Promise<z.infer<T>> {
      return parseResponse(platform, await raw(call), call.schema, () => call.expected, secrets)
    },
    /** The answer as it came (headers included), for callers that read usage headers. */
    raw,
  }
}

export type GraphClient = ReturnType<typeof createGraphClient>
