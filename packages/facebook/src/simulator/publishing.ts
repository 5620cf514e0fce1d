/**
 * Publishing to a Page as Graph answers it: feed posts (message, link, attached unpublished
 * photos), photos, videos by `file_url`, photo stories, and the `feed`/`published_posts` lists.
 * @see https://developers.facebook.com/docs/pages-api/posts
 */
import {
  appUsageHeader,
  bodyField,
  bodyFlag,
  bodyString,
  graphError,
  graphId,
  graphPage,
  graphSince,
  isPublicUrl,
  parameterError,
} from '@statex/graph/testing'
import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import type { Page, Photo, Post } from './state.js'
import { createPost, type FbStore } from './store.js'
import { postOut } from './wire.js'

/** `POST /{page-id}/feed`. */
export function publishFeedPost(store: FbStore, page: Page, body: unknown): SimResponse {
  const message = bodyString(body, 'message')
  const link = bodyString(body, 'link')
  let attached = bodyField(body, 'attached_media')
  if (typeof attached === 'string') attached = JSON.parse(attached) as unknown
  const media = Array.isArray(attached) ? (attached as { media_fbid?: string }[]) : []
  if (!message && !link && media.length === 0)
    return parameterError(
      'Unsupported post request: a post needs a message, a link or attached_media.',
    )
  if (link && !isPublicUrl(link)) return parameterError('The link is not a valid URL.')
  for (const m of media) {
    const photo = m.media_fbid ? store.photos.get(m.media_fbid) : undefined
    if (!photo || photo.pageId !== page.id)
      return parameterError(`attached_media: no photo ${String(m.media_fbid)} on this Page.`)
    if (photo.published)
      return parameterError('attached_media takes photos uploaded with published=false.')
  }
  const post = createPost(store, page, {
    kind: media.length ? 'album' : 'status',
    ...(message ? { message } : {}),
    ...(link ? { link } : {}),
    published: bodyFlag(body, 'published', true),
    photoIds: media.map((m) => m.media_fbid!),
    raw: { ...(body as object) },
  })
  return { status: 200, headers: { 'x-app-usage': appUsageHeader() }, body: { id: post.id } }
}

/** `POST /{page-id}/photos`: published (a photo post) or not (for `attached_media` and stories). */
export function publishPhoto(store: FbStore, page: Page, body: unknown): SimResponse {
  const url = bodyString(body, 'url')
  if (!url) return parameterError('The parameter url or source is required.', 1363021)
  if (!isPublicUrl(url))
    return graphError({
      status: 400,
      code: 324,
      message: '(#324) Requires upload file: the url must be a public http(s) URL',
    })
  const altText = bodyString(body, 'alt_text_custom')
  const photo: Photo = {
    id: graphId(16),
    pageId: page.id,
    url,
    published: bodyFlag(body, 'published', true),
    ...(altText ? { altText } : {}),
  }
  store.photos.set(photo.id, photo)
  if (!photo.published) return { status: 200, body: { id: photo.id } }
  const caption = bodyString(body, 'caption') ?? bodyString(body, 'message')
  const post = createPost(store, page, {
    kind: 'photo',
    ...(caption ? { message: caption } : {}),
    published: true,
    photoIds: [photo.id],
    raw: { ...(body as object) },
  })
  return { status: 200, body: { id: photo.id, post_id: post.id } }
}

/** `POST /{page-id}/videos` by `file_url`; the video's id is also its post's. */
export function publishVideo(store: FbStore, page: Page, body: unknown): SimResponse {
  const fileUrl = bodyString(body, 'file_url')
  if (!fileUrl) return parameterError('The parameter file_url or source is required.')
  if (!isPublicUrl(fileUrl))
    return graphError({
      status: 400,
      code: 352,
      message: '(#352) The video file could not be fetched from file_url.',
    })
  const id = graphId(16)
  const description = bodyString(body, 'description')
  const post: Post = {
    id,
    pageId: page.id,
    kind: 'video',
    ...(description ? { message: description } : {}),
    published: bodyFlag(body, 'published', true),
    photoIds: [],
    createdAt: store.now(),
    reactions: [],
    raw: { ...(body as object) },
  }
  store.posts.set(id, post)
  return { status: 200, body: { id } }
}

/** `POST /{page-id}/photo_stories` with an unpublished photo of the Page. */
export function publishPhotoStory(store: FbStore, page: Page, body: unknown): SimResponse {
  const photoId = bodyString(body, 'photo_id')
  const photo = photoId ? store.photos.get(photoId) : undefined
  if (!photo || photo.pageId !== page.id)
    return parameterError('The parameter photo_id is required and must be a photo of this Page.')
  const post = createPost(store, page, {
    kind: 'story',
    published: true,
    photoIds: [photo.id],
    raw: { photo_id: photoId },
  })
  return { status: 200, body: { success: true, post_id: post.id } }
}

/** `GET /{page-id}/feed` (everything) and `/published_posts` (published only), newest first. */
export function listPosts(
  store: FbStore,
  page: Page,
  edge: 'feed' | 'published_posts',
  request: RecordedRequest,
): SimResponse {
  const since = graphSince(request)
  const list = [...store.posts.values()]
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
      list.map((p) => postOut(store, p, fields)),
      request,
    ),
  }
}
