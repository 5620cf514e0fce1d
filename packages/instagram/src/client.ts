import type { FetchFn } from '@statex/core/adapter'
import { createGraphClient, sendApiResponse, type GraphHost } from '@statex/graph'
import { INSTAGRAM_ERRORS } from './errors.js'
import {
  containerStatusSchema,
  idSchema,
  igCommentsSchema,
  igInsightsSchema,
  igProfileSchema,
  mediaListSchema,
  mediaSchema,
  publishingLimitSchema,
  sendSchema,
} from './schemas.js'

export interface ClientOptions {
  baseUrl?: string
  host?: GraphHost
  apiVersion?: string
  fetch?: FetchFn
  appSecret?: string
}

const MEDIA_FIELDS = 'id,caption,timestamp,permalink,media_product_type'

/**
 * A thin client for the Instagram Graph endpoints this adapter uses, for one token.
 * Paths are the same on graph.facebook.com (Facebook Login) and graph.instagram.com (Instagram Login).
 */
export function createClient(options: ClientOptions, accessToken: string | undefined) {
  const graph = createGraphClient({ ...options, errors: INSTAGRAM_ERRORS }, accessToken)
  const id = (value: string) => encodeURIComponent(value)
  return {
    graph,
    /** @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit */
    publishingLimit(userId: string, signal?: AbortSignal) {
      return graph.call({
        method: 'GET',
        path: `/${id(userId)}/content_publishing_limit`,
        query: { fields: 'config,quota_usage' },
        signal,
        schema: publishingLimitSchema,
        expected: 'no data[0].quota_usage',
      })
    },
    /** @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media#creating */
    createContainer(userId: string, params: Record<string, unknown>, signal?: AbortSignal) {
      return graph.call({
        method: 'POST',
        path: `/${id(userId)}/media`,
        body: params,
        signal,
        schema: idSchema,
        expected: 'no container id',
      })
    },
    /** @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container */
    containerStatus(containerId: string, signal?: AbortSignal) {
      return graph.call({
        method: 'GET',
        path: `/${id(containerId)}`,
        query: { fields: 'id,status_code,status' },
        signal,
        schema: containerStatusSchema,
        expected: 'no status_code',
      })
    },
    /** @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media_publish */
    publishContainer(userId: string, containerId: string, signal?: AbortSignal) {
      return graph.call({
        method: 'POST',
        path: `/${id(userId)}/media_publish`,
        body: { creation_id: containerId },
        signal,
        schema: idSchema,
        expected: 'no media id',
      })
    },
    /** @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media */
    media(mediaId: string, signal?: AbortSignal) {
      return graph.call({
        method: 'GET',
        path: `/${id(mediaId)}`,
        query: { fields: MEDIA_FIELDS },
        signal,
        schema: mediaSchema,
        expected: 'no media',
      })
    },
    /** @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media */
    recentMedia(
      userId: string,
      query: { limit: number; after?: string; since?: number },
      signal?: AbortSignal,
    ) {
      return graph.call({
        method: 'GET',
        path: `/${id(userId)}/media`,
        query: { ...query, fields: MEDIA_FIELDS },
        signal,
        schema: mediaListSchema,
        expected: 'no data[] of media',
      })
    },
    /** @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/insights */
    insights(mediaId: string, metrics: readonly string[], signal?: AbortSignal) {
      return graph.call({
        method: 'GET',
        path: `/${id(mediaId)}/insights`,
        query: { metric: metrics.join(',') },
        signal,
        schema: igInsightsSchema,
        expected: 'no data[] of insights',
      })
    },
    /** @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user */
    profile(userId: string, signal?: AbortSignal) {
      return graph.call({
        method: 'GET',
        path: `/${id(userId)}`,
        query: { fields: 'followers_count,follows_count,media_count' },
        signal,
        schema: igProfileSchema,
        expected: 'no id in the account',
      })
    },
    /** @see https://developers.facebook.com/docs/instagram-platform/api-reference/instagram-user/insights */
    accountInsights(userId: string, metrics: readonly string[], signal?: AbortSignal) {
      return graph.call({
        method: 'GET',
        path: `/${id(userId)}/insights`,
        query: { metric: metrics.join(','), period: 'day', metric_type: 'total_value' },
        signal,
        schema: igInsightsSchema,
        expected: 'no data[] of insights',
      })
    },
    /** @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/comments */
    comments(mediaId: string, query: { limit: number; after?: string }, signal?: AbortSignal) {
      return graph.call({
        method: 'GET',
        path: `/${id(mediaId)}/comments`,
        query: { ...query, fields: 'id,text,timestamp,username,from,parent_id' },
        signal,
        schema: igCommentsSchema,
        expected: 'no data[] of comments',
      })
    },
    /** @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/comments#creating */
    commentOnMedia(mediaId: string, message: string, signal?: AbortSignal) {
      return graph.call({
        method: 'POST',
        path: `/${id(mediaId)}/comments`,
        body: { message },
        signal,
        schema: idSchema,
        expected: 'no comment id',
      })
    },
    /** @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies */
    replyToComment(commentId: string, message: string, signal?: AbortSignal) {
      return graph.call({
        method: 'POST',
        path: `/${id(commentId)}/replies`,
        body: { message },
        signal,
        schema: idSchema,
        expected: 'no reply id',
      })
    },
    /** @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/mentions */
    replyToMention(
      userId: string,
      input: { mediaId: string; commentId?: string; message: string },
      signal?: AbortSignal,
    ) {
      return graph.call({
        method: 'POST',
        path: `/${id(userId)}/mentions`,
        body: {
          media_id: input.mediaId,
          ...(input.commentId ? { comment_id: input.commentId } : {}),
          message: input.message,
        },
        signal,
        schema: idSchema,
        expected: 'no comment id',
      })
    },
    /**
     * Send API; `/me` is the Page (Facebook Login token) or the Instagram account (Instagram Login).
     * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api
     */
    sendMessage(recipientId: string, text: string, signal?: AbortSignal) {
      return graph.call({
        method: 'POST',
        path: '/me/messages',
        body: sendApiResponse(recipientId, text),
        signal,
        schema: sendSchema,
        expected: 'no message_id',
      })
    },
  }
}

export type InstagramClient = ReturnType<typeof createClient>
