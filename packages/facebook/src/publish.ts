import {
  ProviderError,
  type FindPublishedInput,
  type MediaItem,
  type PostDraft,
  type PublishInput,
  type PublishResult,
} from '@statex/core'
import { nextCursor } from '@statex/graph'
import type { FacebookClient } from './client.js'

/** Where people open a Page post: facebook.com resolves `{page-id}_{post-id}` ids directly. */
export const postUrl = (postId: string) => `https://www.facebook.com/${postId}`

const published = (externalId: string, partIds?: string[]): PublishResult => ({
  status: 'published',
  externalId,
  url: postUrl(externalId),
  publishedAt: new Date(),
  ...(partIds ? { partIds } : {}),
})

function photoBody(media: MediaItem, extra: Record<string, unknown>): Record<string, unknown> {
  return { url: media.url, ...(media.altText ? { alt_text_custom: media.altText } : {}), ...extra }
}

/**
 * Publishes one post on a Page: text and link to /feed; one photo to /photos; several photos as
 * unpublished photos then one /feed post with `attached_media`; one video to /videos
 * (`file_url`); a photo story as an unpublished photo then /photo_stories. Native scheduling
 * (`scheduled_publish_time`) is never used: the engine decides when.
 *
 * Re-uploading unpublished photos after a failure is harmless (they never show on the Page and
 * Meta deletes unattached ones), so a retry starts over rather than carrying photo ids along.
 */
export async function publishToPage(
  client: FacebookClient,
  input: PublishInput,
): Promise<PublishResult> {
  const { post, account, signal } = input
  const pageId = account.externalAccountId
  const media = post.media ?? []
  const message = post.text.trim() ? post.text : undefined
  const publishedFlag = post.options?.facebook?.published
  const visibility = publishedFlag === false ? { published: false } : {}

  if (post.options?.facebook?.story) {
    const photo = await client.uploadPhoto(
      pageId,
      photoBody(media[0]!, { published: false }),
      signal,
    )
    const story = await client.publishPhotoStory(pageId, photo.id, signal)
    return published(story.post_id, [photo.id])
  }
  if (media.length === 0) {
    const answer = await client.createPost(
      pageId,
      { ...(message ? { message } : {}), ...(post.link ? { link: post.link } : {}), ...visibility },
      signal,
    )
    return published(answer.id)
  }
  const [first] = media
  if (media.length === 1 && first!.type === 'video') {
    const answer = await client.uploadVideo(
      pageId,
      { file_url: first!.url, ...(message ? { description: message } : {}), ...visibility },
      signal,
    )
    // The video id is also its post's id on the Page once processing ends.
    return published(answer.id)
  }
  if (media.length === 1) {
    const answer = await client.uploadPhoto(
      pageId,
      photoBody(first!, { ...(message ? { caption: message } : {}), ...visibility }),
      signal,
    )
    return published(answer.post_id ?? answer.id, [answer.id])
  }
  const photoIds: string[] = []
  for (const item of media) {
    photoIds.push(
      (await client.uploadPhoto(pageId, photoBody(item, { published: false }), signal)).id,
    )
  }
  const answer = await client.createPost(
    pageId,
    {
      ...(message ? { message } : {}),
      attached_media: photoIds.map((media_fbid) => ({ media_fbid })),
      ...visibility,
    },
    signal,
  )
  return published(answer.id, photoIds)
}

const normalise = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()

/** How many pages of recent posts `findPublished` reads before saying "not there". */
const FIND_PAGES = 4

/**
 * By content: lists the Page's published posts created after `after` and matches the message.
 * Graph keeps no idempotency key, so two posts with the same text in that window are ambiguous;
 * the newest is taken (the one the uncertain attempt made, as it is the latest).
 */
export async function findOnPage(
  client: FacebookClient,
  input: FindPublishedInput,
): Promise<PublishResult | null> {
  const wanted = normalise(expectedMessage(input.post))
  if (!wanted)
    throw new ProviderError({
      kind: 'invalid_request',
      platform: 'facebook',
      message:
        'A post without text cannot be recognised among the Page\u2019s posts; check the Page before publishing it again.',
    })
  let after: string | undefined
  for (let page = 0; page < FIND_PAGES; page++) {
    const list = await client.publishedPosts(
      input.account.externalAccountId,
      {
        since: Math.floor(input.after.getTime() / 1000),
        limit: 25,
        fields: 'id,message,created_time,permalink_url',
        ...(after ? { after } : {}),
      },
      input.signal,
    )
    const match = list.data.find((p) => normalise(p.message) === wanted)
    if (match)
      return {
        status: 'published',
        externalId: match.id,
        url: match.permalink_url ?? postUrl(match.id),
        publishedAt: new Date(match.created_time),
      }
    after = nextCursor(list.paging)
    if (!after) return null
  }
  throw new ProviderError({
    kind: 'transient',
    platform: 'facebook',
    message: `The Page has more than ${FIND_PAGES * 25} posts since the attempt; check it by hand before publishing again.`,
  })
}

/** The message Graph stores for a post of ours: the text (the link is a separate field). */
function expectedMessage(post: PostDraft): string {
  return post.text
}
