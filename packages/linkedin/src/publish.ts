import {
  ProviderError,
  type AccountAuth,
  type MediaItem,
  type PostDraft,
  type PublishResult,
} from '@statex/core'
import { downloadMedia, type FetchFn } from '@statex/core/adapter'
import type { LinkedInClient, PostCreateRequest } from './client.js'
import { toLittleText } from './little-text.js'

/** The URL that opens a post: https://www.linkedin.com/feed/update/<urn>/ */
export const postUrl = (urn: string) => `https://www.linkedin.com/feed/update/${urn}/`

/**
 * Uploads one media item and returns its URN: images and documents take one PUT to the URL from
 * `initializeUpload`; videos one PUT per `uploadInstructions` part, then `finalizeUpload` with the
 * parts' ETags.
 */
export async function uploadMedia(
  client: LinkedInClient,
  fetchFn: FetchFn,
  owner: string,
  item: MediaItem,
  signal?: AbortSignal,
): Promise<string> {
  const { bytes } = await downloadMedia('linkedin', fetchFn, item, signal)
  if (item.type === 'video') {
    const init = await client.initializeVideoUpload(owner, bytes.byteLength, signal)
    const etags: string[] = []
    for (const part of init.value.uploadInstructions) {
      const etag = await client.upload(
        part.uploadUrl,
        bytes.subarray(part.firstByte, part.lastByte + 1),
        signal,
      )
      if (!etag)
        throw new ProviderError({
          kind: 'transient',
          platform: 'linkedin',
          message: 'LinkedIn answered a video part without an ETag.',
        })
      etags.push(etag)
    }
    await client.finalizeVideoUpload(init.value.video, init.value.uploadToken ?? '', etags, signal)
    return init.value.video
  }
  const init =
    item.type === 'document'
      ? await client.initializeDocumentUpload(owner, signal)
      : await client.initializeImageUpload(owner, signal)
  await client.upload(init.value.uploadUrl, bytes, signal)
  const urn = init.value.image ?? init.value.document
  if (!urn)
    throw new ProviderError({
      kind: 'transient',
      platform: 'linkedin',
      message: 'LinkedIn answered initializeUpload without a URN.',
    })
  return urn
}

/** `commentary` for a post: little text with the deliberate mentions and hashtags. */
export function commentaryOf(post: PostDraft): string {
  const options = post.options?.linkedin
  return toLittleText(post.text ?? '', { mentions: options?.mentions, hashtags: options?.hashtags })
}

/** The POST /rest/posts body for `post`, with its media already uploaded (`mediaUrns`, in order). */
export function postRequest(
  account: AccountAuth,
  post: PostDraft,
  mediaUrns: string[],
  /** An image URN for an article's preview. */
  thumbnail?: string,
): PostCreateRequest {
  const media = post.media ?? []
  const options = post.options?.linkedin
  let content: PostCreateRequest['content']
  if (media.length > 1) {
    content = {
      multiImage: {
        images: media.map((m, i) => ({
          id: mediaUrns[i]!,
          ...(m.altText ? { altText: m.altText } : {}),
        })),
      },
    }
  } else if (media.length === 1) {
    const item = media[0]!
    content = {
      media: {
        id: mediaUrns[0]!,
        ...(item.type === 'image' && item.altText ? { altText: item.altText } : {}),
        // A document post needs a title; LinkedIn shows it above the carousel.
        ...(item.type === 'document' ? { title: item.fileName ?? 'Document' } : {}),
        ...(item.type === 'video' && item.fileName ? { title: item.fileName } : {}),
      },
    }
  } else if (post.link) {
    content = {
      article: {
        source: post.link,
        title: options?.article?.title ?? post.link,
        ...(options?.article?.description ? { description: options.article.description } : {}),
        ...(thumbnail ? { thumbnail } : {}),
      },
    }
  }
  return {
    author: account.externalAccountId,
    commentary: commentaryOf(post),
    visibility: options?.visibility ?? 'PUBLIC',
    distribution: {
      feedDistribution: 'MAIN_FEED',
      targetEntities: [],
      thirdPartyDistributionChannels: [],
    },
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
    ...(content ? { content } : {}),
  }
}

/** Uploads the media, then creates the post; one POST, so nothing to resume. */
export async function publishPost(
  client: LinkedInClient,
  fetchFn: FetchFn,
  input: { account: AccountAuth; post: PostDraft; signal?: AbortSignal },
): Promise<PublishResult> {
  const urns: string[] = []
  for (const item of input.post.media ?? [])
    urns.push(
      await uploadMedia(client, fetchFn, input.account.externalAccountId, item, input.signal),
    )
  const thumbnailUrl = input.post.options?.linkedin?.article?.thumbnailUrl
  const thumbnail =
    input.post.link && !urns.length && thumbnailUrl
      ? await uploadMedia(
          client,
          fetchFn,
          input.account.externalAccountId,
          { url: thumbnailUrl, type: 'image' },
          input.signal,
        )
      : undefined
  const urn = await client.createPost(
    postRequest(input.account, input.post, urns, thumbnail),
    input.signal,
  )
  return { status: 'published', externalId: urn, url: postUrl(urn), publishedAt: new Date() }
}
