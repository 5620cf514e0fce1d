/**
 * Content publishing as Instagram answers it: media containers (images, videos that process for
 * a simulated time, carousels, reels, stories) that expire after 24 hours and publish once,
 * `media_publish`, and `content_publishing_limit`.
 * @see https://developers.facebook.com/docs/instagram-platform/content-publishing
 */
import { randomBytes } from 'node:crypto'
import {
  bodyFlag,
  bodyString,
  graphError,
  graphId,
  isPublicUrl,
  parameterError,
} from '@statex/graph/testing'
import type { SimResponse } from '@statex/testkit/simulator'
import {
  CONTAINER_TTL_MS,
  VIDEO_PROCESSING_MS,
  type Container,
  type IgAccount,
  type Media,
} from './state.js'
import { quotaUsage, type IgStore } from './store.js'

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

// Instagram answers a used or unknown creation_id alike.
const builderNotFound = () =>
  graphError({ status: 400, code: 24, subcode: 2207008, message: 'Media builder not found' })

export function statusOf(store: IgStore, c: Container): { status_code: string; status?: string } {
  const now = store.now()
  if (c.publishedMediaId) return { status_code: 'PUBLISHED' }
  if (c.error) return { status_code: 'ERROR', status: c.error }
  if (now - c.createdAt >= CONTAINER_TTL_MS) return { status_code: 'EXPIRED' }
  const childrenReady = c.children.every(
    (id) => statusOf(store, store.containers.get(id)!).status_code === 'FINISHED',
  )
  return now >= c.readyAt && childrenReady
    ? { status_code: 'FINISHED' }
    : { status_code: 'IN_PROGRESS' }
}

/** The media type a container request asks for, or Graph's refusal of the request. */
function mediaTypeOf(
  store: IgStore,
  account: IgAccount,
  body: unknown,
): SimResponse | { mediaType: Container['mediaType']; children: string[] } {
  const type = bodyString(body, 'media_type')
  const imageUrl = bodyString(body, 'image_url')
  const videoUrl = bodyString(body, 'video_url')
  if (type === 'CAROUSEL') {
    const children = (bodyString(body, 'children') ?? '').split(',').filter(Boolean)
    if (children.length < 2 || children.length > 10)
      return parameterError('The parameter children must name 2 to 10 carousel item containers.')
    for (const id of children) {
      const child = store.containers.get(id)
      if (!child || child.userId !== account.id || !child.isCarouselItem)
        return parameterError(
          `Carousel child ${id} is not a carousel item container of this account.`,
        )
    }
    return { mediaType: 'CAROUSEL', children }
  }
  if (type === 'REELS' || type === 'VIDEO') {
    if (!videoUrl) return parameterError('The parameter video_url is required.')
    if (type === 'VIDEO' && !bodyFlag(body, 'is_carousel_item'))
      return parameterError('The VIDEO media_type is deprecated for feed posts: use REELS.')
    return { mediaType: type, children: [] }
  }
  if (type === 'STORIES') {
    if (!imageUrl && !videoUrl)
      return parameterError('The parameter image_url or video_url is required.')
    return { mediaType: 'STORIES', children: [] }
  }
  if (type === undefined) {
    if (!imageUrl) return parameterError('The parameter image_url is required.')
    return { mediaType: 'IMAGE', children: [] }
  }
  return parameterError(`media_type ${type} is not supported.`)
}

/** `POST /{ig-user-id}/media`. */
export function createContainer(store: IgStore, account: IgAccount, body: unknown): SimResponse {
  const imageUrl = bodyString(body, 'image_url')
  const videoUrl = bodyString(body, 'video_url')
  const caption = bodyString(body, 'caption')
  if (caption && [...caption].length > 2200)
    return graphError({
      status: 400,
      code: 36004,
      subcode: 2207010,
      message: 'The caption is too long.',
    })
  const kind = mediaTypeOf(store, account, body)
  if ('status' in kind) return kind
  const url = imageUrl ?? videoUrl
  if (url !== undefined && !isPublicUrl(url)) return downloadFailed()
  if (imageUrl && !/\.jpe?g($|\?)/i.test(imageUrl))
    return graphError({
      status: 400,
      code: 36001,
      subcode: 2207005,
      message: 'The image format is not supported.',
    })
  const now = store.now()
  const container: Container = {
    id: graphId(17),
    userId: account.id,
    params: { ...(body as object) },
    mediaType: kind.mediaType,
    isCarouselItem: bodyFlag(body, 'is_carousel_item'),
    children: kind.children,
    createdAt: now,
    readyAt: now + (videoUrl ? VIDEO_PROCESSING_MS : 0),
    ...(videoUrl && !/\.(mp4|mov)($|\?)/i.test(videoUrl) ? { error: 'Error: 2207026' } : {}),
  }
  store.containers.set(container.id, container)
  return { status: 200, body: { id: container.id } }
}

/** `POST /{ig-user-id}/media_publish`: a finished container becomes media, once. */
export function publish(store: IgStore, account: IgAccount, body: unknown): SimResponse {
  const id = bodyString(body, 'creation_id')
  const container = id ? store.containers.get(id) : undefined
  if (!container || container.userId !== account.id || container.isCarouselItem)
    return builderNotFound()
  const status = statusOf(store, container).status_code
  if (status === 'PUBLISHED') return builderNotFound()
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
  if (!isStory && quotaUsage(store, account.id) >= account.quotaTotal)
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
    ...(typeof container.params.caption === 'string' ? { caption: container.params.caption } : {}),
    mediaType:
      container.mediaType === 'CAROUSEL'
        ? 'CAROUSEL_ALBUM'
        : container.mediaType === 'IMAGE'
          ? 'IMAGE'
          : 'VIDEO',
    productType: isStory ? 'STORY' : container.mediaType === 'REELS' ? 'REELS' : 'FEED',
    createdAt: store.now(),
    shortcode: randomBytes(8).toString('base64url'),
  }
  store.media.set(item.id, item)
  container.publishedMediaId = item.id
  return { status: 200, body: { id: item.id } }
}

/** `GET /{ig-user-id}/content_publishing_limit`. */
export function publishingLimit(store: IgStore, account: IgAccount): SimResponse {
  return {
    status: 200,
    body: {
      data: [
        {
          config: { quota_total: account.quotaTotal, quota_duration: 86400 },
          quota_usage: quotaUsage(store, account.id),
        },
      ],
    },
  }
}
