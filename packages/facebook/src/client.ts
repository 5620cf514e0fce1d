import type { FetchFn } from '@statex/core/adapter'
import { createGraphClient, sendApiResponse } from '@statex/graph'
import { FACEBOOK_ERRORS } from './errors.js'
import {
  commentsSchema,
  engagementSchema,
  idSchema,
  insightsSchema,
  pageFiguresSchema,
  pagePostsSchema,
  photoSchema,
  sendSchema,
  storySchema,
  successSchema,
} from './schemas.js'

export interface ClientOptions {
  baseUrl?: string
  apiVersion?: string
  fetch?: FetchFn
  appSecret?: string
}

const COMMENT_FIELDS = 'id,message,created_time,from{id,name},parent{id},permalink_url'

/**
 * A thin client for the Graph endpoints the Pages adapter uses, for one token (a Page token, or
 * a user token during login). It knows the wire format; the provider knows our domain.
 */
export function createClient(options: ClientOptions, accessToken: string | undefined) {
  const graph = createGraphClient({ ...options, errors: FACEBOOK_ERRORS }, accessToken)
  const id = (value: string) => encodeURIComponent(value)
  return {
    graph,
    /** @see https://developers.facebook.com/docs/pages-api/posts#publish-posts */
    createPost(pageId: string, body: Record<string, unknown>, signal?: AbortSignal) {
      return graph.call({
        method: 'POST',
        path: `/${id(pageId)}/feed`,
        body,
        signal,
        schema: idSchema,
        expected: 'no post id',
      })
    },
    /** @see https://developers.facebook.com/docs/graph-api/reference/page/photos/#Creating */
    uploadPhoto(pageId: string, body: Record<string, unknown>, signal?: AbortSignal) {
      return graph.call({
        method: 'POST',
        path: `/${id(pageId)}/photos`,
        body,
        signal,
        schema: photoSchema,
        expected: 'no photo id',
      })
    },
    /** @see https://developers.facebook.com/docs/video-api/guides/publishing (non-resumable `file_url`) */
    uploadVideo(pageId: string, body: Record<string, unknown>, signal?: AbortSignal) {
      return graph.call({
        method: 'POST',
        path: `/${id(pageId)}/videos`,
        body,
        signal,
        schema: idSchema,
        expected: 'no video id',
      })
    },
    /** @see https://developers.facebook.com/docs/page-stories-api/#photo-stories */
    publishPhotoStory(pageId: string, photoId: string, signal?: AbortSignal) {
      return graph.call({
        method: 'POST',
        path: `/${id(pageId)}/photo_stories`,
        body: { photo_id: photoId },
        signal,
        schema: storySchema,
        expected: 'no post_id for the story',
      })
    },
    /** @see https://developers.facebook.com/docs/graph-api/reference/page/published_posts/ */
    publishedPosts(
      pageId: string,
      query: { since?: number; limit: number; after?: string; fields: string },
      signal?: AbortSignal,
    ) {
      return graph.call({
        method: 'GET',
        path: `/${id(pageId)}/published_posts`,
        query,
        signal,
        schema: pagePostsSchema,
        expected: 'no data[] of posts',
      })
    },
    /** @see https://developers.facebook.com/docs/graph-api/reference/post/#deleting */
    deleteObject(objectId: string, signal?: AbortSignal) {
      return graph.call({
        method: 'DELETE',
        path: `/${id(objectId)}`,
        signal,
        schema: successSchema,
        expected: 'no success: true',
      })
    },
    /** Reactions, comments and shares summaries of one post. */
    engagement(postId: string, signal?: AbortSignal) {
      return graph.call({
        method: 'GET',
        path: `/${id(postId)}`,
        query: {
          fields:
            'id,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares',
        },
        signal,
        schema: engagementSchema,
        expected: 'no id in the post',
      })
    },
    /** @see https://developers.facebook.com/docs/graph-api/reference/insights#post-metrics */
    insights(postId: string, metrics: readonly string[], signal?: AbortSignal) {
      return graph.call({
        method: 'GET',
        path: `/${id(postId)}/insights`,
        query: { metric: metrics.join(','), period: 'lifetime' },
        signal,
        schema: insightsSchema,
        expected: 'no data[] of insights',
      })
    },
    /** Followers of the Page. @see https://developers.facebook.com/docs/graph-api/reference/page/ */
    pageFigures(pageId: string, signal?: AbortSignal) {
      return graph.call({
        method: 'GET',
        path: `/${id(pageId)}`,
        query: { fields: 'followers_count,fan_count' },
        signal,
        schema: pageFiguresSchema,
        expected: 'no id in the Page',
      })
    },
    /**
     * Page-level insights by day (`values[]`: the last days, each with its `end_time`).
     * @see https://developers.facebook.com/docs/platforminsights/page
     */
    pageInsights(pageId: string, metrics: readonly string[], signal?: AbortSignal) {
      return graph.call({
        method: 'GET',
        path: `/${id(pageId)}/insights`,
        query: { metric: metrics.join(','), period: 'day' },
        signal,
        schema: insightsSchema,
        expected: 'no data[] of insights',
      })
    },
    /** @see https://developers.facebook.com/docs/graph-api/reference/object/comments/ */
    comments(
      objectId: string,
      query: { limit: number; after?: string; since?: number },
      signal?: AbortSignal,
    ) {
      return graph.call({
        method: 'GET',
        path: `/${id(objectId)}/comments`,
        query: { ...query, filter: 'stream', order: 'chronological', fields: COMMENT_FIELDS },
        signal,
        schema: commentsSchema,
        expected: 'no data[] of comments',
      })
    },
    /** @see https://developers.facebook.com/docs/graph-api/reference/object/comments/#publish */
    comment(objectId: string, message: string, signal?: AbortSignal) {
      return graph.call({
        method: 'POST',
        path: `/${id(objectId)}/comments`,
        body: { message },
        signal,
        schema: idSchema,
        expected: 'no comment id',
      })
    },
    /** @see https://developers.facebook.com/docs/messenger-platform/reference/send-api/ */
    sendMessage(pageId: string, recipientId: string, text: string, signal?: AbortSignal) {
      return graph.call({
        method: 'POST',
        path: `/${id(pageId)}/messages`,
        body: sendApiResponse(recipientId, text),
        signal,
        schema: sendSchema,
        expected: 'no message_id',
      })
    },
  }
}

export type FacebookClient = ReturnType<typeof createClient>
