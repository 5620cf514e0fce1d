import {
  basicAuthorization,
  endpoint,
  sendRequest,
  parseResponse,
  type FetchFn,
  type HttpContext,
  type HttpRequest,
} from '@statex/core/adapter'
import type { z } from 'zod'
import { classifyXError, classifyXTokenError } from './errors.js'
import {
  DmCreateResponseSchema,
  DmEventListResponseSchema,
  MediaUploadResponseSchema,
  TweetCreateResponseSchema,
  TweetDeleteResponseSchema,
  TweetListResponseSchema,
  UserResponseSchema,
} from './schemas.js'

/** `TweetCreateRequest` (the fields the adapter sends). */
export interface TweetCreateRequest {
  text?: string
  media?: { media_ids: string[] }
  poll?: { options: string[]; duration_minutes: number }
  quote_tweet_id?: string
  reply?: { in_reply_to_tweet_id: string }
  reply_settings?: 'following' | 'mentionedUsers' | 'subscribers' | 'verified'
}

/** Query parameters of the timeline and lookup endpoints; arrays go out comma-separated. */
export type Query = Record<string, string | number | readonly string[] | undefined>

export interface XClientOptions {
  baseUrl: string
  fetch: FetchFn
  /** The OAuth 2.0 user access token. */
  token: string
}

function toQuery(query: Query | undefined): Record<string, string | number | undefined> {
  const out: Record<string, string | number | undefined> = {}
  for (const [key, value] of Object.entries(query ?? {}))
    out[key] = Array.isArray(value) ? value.join(',') : (value as string | number | undefined)
  return out
}

/**
 * A thin X API v2 client: one method per endpoint, Bearer user token, JSON in and out, never a
 * retry. Paths and shapes follow ../shared/specs/x-api-v2/latest-openapi.json.
 */
export function xClient(options: XClientOptions) {
  const secrets = [options.token]

  async function call<S extends z.ZodType>(
    request: Omit<HttpRequest, 'url'> & { path: string; query?: Query; creates?: boolean },
    schema: S,
  ): Promise<z.infer<S>> {
    const context: HttpContext = {
      platform: 'twitter',
      fetch: options.fetch,
      secrets,
      classify: (response) => classifyXError(response, { creates: request.creates, secrets }),
      // HTTP 200 with `errors` and no `data` is a failure (spec: every response has both fields).
      isSuccess: (response) => {
        const json = response.json as { data?: unknown; errors?: unknown } | undefined
        return response.status < 300 && !(json?.errors && json.data === undefined)
      },
    }
    const response = await sendRequest(context, {
      method: request.method,
      url: endpoint(options.baseUrl, request.path, toQuery(request.query)),
      headers: { authorization: `Bearer ${options.token}`, ...request.headers },
      body: request.body,
      signal: request.signal,
    })
    return parseResponse(
      'twitter',
      response,
      schema,
      (issue) => `${request.method} ${request.path} did not match the X API: ${issue}`,
      secrets,
    )
  }

  return {
    /** @see https://docs.x.com/x-api/posts/create-post */
    createTweet: (body: TweetCreateRequest, signal?: AbortSignal) =>
      call(
        { method: 'POST', path: '/2/tweets', body, signal, creates: true },
        TweetCreateResponseSchema,
      ),
    /** @see https://docs.x.com/x-api/posts/delete-post */
    deleteTweet: (id: string, signal?: AbortSignal) =>
      call(
        { method: 'DELETE', path: `/2/tweets/${encodeURIComponent(id)}`, signal },
        TweetDeleteResponseSchema,
      ),
    /** Up to 100 ids. @see https://docs.x.com/x-api/posts/get-posts-by-ids */
    getTweets: (query: Query, signal?: AbortSignal) =>
      call({ method: 'GET', path: '/2/tweets', query, signal }, TweetListResponseSchema),
    /** @see https://docs.x.com/x-api/users/get-my-user */
    me: (query: Query = {}, signal?: AbortSignal) =>
      call({ method: 'GET', path: '/2/users/me', query, signal }, UserResponseSchema),
    /** @see https://docs.x.com/x-api/users/get-mentions */
    mentions: (userId: string, query: Query, signal?: AbortSignal) =>
      call(
        { method: 'GET', path: `/2/users/${encodeURIComponent(userId)}/mentions`, query, signal },
        TweetListResponseSchema,
      ),
    /** The account's own posts, newest first. @see https://docs.x.com/x-api/users/get-posts */
    userTweets: (userId: string, query: Query, signal?: AbortSignal) =>
      call(
        { method: 'GET', path: `/2/users/${encodeURIComponent(userId)}/tweets`, query, signal },
        TweetListResponseSchema,
      ),
    /** @see https://docs.x.com/x-api/posts/search-recent-posts */
    searchRecent: (query: Query, signal?: AbortSignal) =>
      call(
        { method: 'GET', path: '/2/tweets/search/recent', query, signal },
        TweetListResponseSchema,
      ),
    /** @see https://docs.x.com/x-api/direct-messages/get-dm-events */
    dmEvents: (query: Query, signal?: AbortSignal) =>
      call({ method: 'GET', path: '/2/dm_events', query, signal }, DmEventListResponseSchema),
    /** @see https://docs.x.com/x-api/direct-messages/create-dm-message-by-participant-id */
    sendDm: (participantId: string, text: string, signal?: AbortSignal) =>
      call(
        {
          method: 'POST',
          path: `/2/dm_conversations/with/${encodeURIComponent(participantId)}/messages`,
          body: { text },
          signal,
          creates: true,
        },
        DmCreateResponseSchema,
      ),
    /** @see https://docs.x.com/x-api/media/initialize-media-upload */
    mediaInitialize: (
      body: { media_type: string; total_bytes: number; media_category: string },
      signal?: AbortSignal,
    ) =>
      call(
        { method: 'POST', path: '/2/media/upload/initialize', body, signal },
        MediaUploadResponseSchema,
      ),
    /** One chunk as multipart `media` + `segment_index`. @see https://docs.x.com/x-api/media/append-media-upload */
    mediaAppend: async (
      id: string,
      segmentIndex: number,
      chunk: Uint8Array,
      signal?: AbortSignal,
    ) => {
      const form = new FormData()
      form.set('segment_index', String(segmentIndex))
      form.set('media', new Blob([chunk as Uint8Array<ArrayBuffer>]), 'chunk')
      const context: HttpContext = {
        platform: 'twitter',
        fetch: options.fetch,
        secrets,
        classify: (response) => classifyXError(response, { secrets }),
      }
      await sendRequest(context, {
        method: 'POST',
        url: endpoint(options.baseUrl, `/2/media/upload/${encodeURIComponent(id)}/append`),
        headers: { authorization: `Bearer ${options.token}` },
        body: form,
        signal,
      })
    },
    /** @see https://docs.x.com/x-api/media/finalize-media-upload */
    mediaFinalize: (id: string, signal?: AbortSignal) =>
      call(
        { method: 'POST', path: `/2/media/upload/${encodeURIComponent(id)}/finalize`, signal },
        MediaUploadResponseSchema,
      ),
    /** @see https://docs.x.com/x-api/media/get-media-upload-status */
    mediaStatus: (id: string, signal?: AbortSignal) =>
      call(
        {
          method: 'GET',
          path: '/2/media/upload',
          query: { media_id: id, command: 'STATUS' },
          signal,
        },
        MediaUploadResponseSchema,
      ),
    /** Alt text. @see https://docs.x.com/x-api/media/create-media-metadata */
    mediaMetadata: (id: string, altText: string, signal?: AbortSignal) =>
      call(
        {
          method: 'POST',
          path: '/2/media/metadata',
          body: { id, metadata: { alt_text: { text: altText } } },
          signal,
        },
        MediaUploadResponseSchema.partial().loose(),
      ),
  }
}

export type XClient = ReturnType<typeof xClient>

export interface TokenRequestOptions {
  baseUrl: string
  fetch: FetchFn
  clientId: string
  /** Confidential clients authenticate with HTTP Basic; public clients send `client_id` in the body. */
  clientSecret?: string
  params: Record<string, string>
  signal?: AbortSignal
}

/** POST /2/oauth2/token, form-encoded. @see https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code */
export async function requestXToken(options: TokenRequestOptions): Promise<unknown> {
  const grant = options.params.grant_type as 'authorization_code' | 'refresh_token'
  const secrets = [
    options.params.code,
    options.params.refresh_token,
    options.params.code_verifier,
    options.clientSecret,
  ].filter((s): s is string => !!s)
  const context: HttpContext = {
    platform: 'twitter',
    fetch: options.fetch,
    secrets,
    classify: (response) => classifyXTokenError(response, { grant, secrets }),
  }
  const response = await sendRequest(context, {
    method: 'POST',
    url: endpoint(options.baseUrl, '/2/oauth2/token'),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.clientSecret
        ? { authorization: basicAuthorization(options.clientId, options.clientSecret) }
        : {}),
    },
    body: new URLSearchParams({ ...options.params, client_id: options.clientId }),
    signal: options.signal,
  })
  return response.json
}
