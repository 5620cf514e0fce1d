import { ProviderError, type MediaItem } from '@statex/core'
import { downloadMedia, type FetchFn } from '@statex/core/adapter'
import type { XClient } from './client.js'
import type { XMediaUpload } from './schemas.js'

/** 4 MiB: X takes chunks of at most 5 MB in APPEND; a margin keeps multipart overhead under it. */
export const CHUNK_BYTES = 4 * 1024 * 1024

/** `MediaCategory` for a post: GIFs and videos are processed asynchronously by X. */
export function mediaCategory(
  item: MediaItem,
  mimeType: string,
): 'tweet_image' | 'tweet_gif' | 'tweet_video' {
  if (item.type === 'video') return 'tweet_video'
  return mimeType === 'image/gif' ? 'tweet_gif' : 'tweet_image'
}

/**
 * Uploads one media item with the v2 chunked upload (initialize, append, finalize) and sets its
 * alt text. Returns X's answer to finalize: `processing_info` is present while X still processes
 * a video or GIF, and the post may reference the id only once it says `succeeded`.
 * @see https://docs.x.com/x-api/media/quickstart/media-upload-chunked
 */
export async function uploadMedia(
  client: XClient,
  fetchFn: FetchFn,
  item: MediaItem,
  signal?: AbortSignal,
): Promise<XMediaUpload> {
  const { bytes, mimeType } = await downloadMedia('twitter', fetchFn, item, signal)
  if (!mimeType)
    throw new ProviderError({
      kind: 'invalid_request',
      platform: 'twitter',
      message: `The media at ${item.url} has no type: give it a mimeType (image/jpeg, image/png, image/gif, image/webp, video/mp4).`,
    })
  const init = await client.mediaInitialize(
    {
      media_type: mimeType,
      total_bytes: bytes.byteLength,
      media_category: mediaCategory(item, mimeType),
    },
    signal,
  )
  const id = init.data.id
  for (let index = 0, offset = 0; offset < bytes.byteLength; index++, offset += CHUNK_BYTES)
    await client.mediaAppend(id, index, bytes.subarray(offset, offset + CHUNK_BYTES), signal)
  const finalized = await client.mediaFinalize(id, signal)
  if (item.altText) await client.mediaMetadata(id, item.altText, signal)
  return finalized.data
}

/** Whether an uploaded media id is ready to be attached, still processing, or failed. */
export function processingState(
  upload: Pick<XMediaUpload, 'processing_info'>,
): 'ready' | 'processing' | 'failed' {
  const state = upload.processing_info?.state
  if (state === undefined || state === 'succeeded') return 'ready'
  return state === 'failed' ? 'failed' : 'processing'
}
