import { ProviderError } from '../errors.js'
import type { MediaItem } from '../post.js'
import type { Platform } from '../platform.js'
import { networkError, type FetchFn } from './http.js'

/**
 * Downloads a media item from its URL, for platforms that take bytes rather than a URL (X,
 * LinkedIn). Any failure is `not_sent`: nothing has gone to the platform yet. The type comes
 * from the item, else the answer's content-type.
 */
export async function downloadMedia(
  platform: Platform,
  fetchFn: FetchFn,
  item: MediaItem,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array; mimeType?: string }> {
  let response: Response
  let bytes: Uint8Array
  try {
    response = await fetchFn(item.url, { signal })
    bytes = new Uint8Array(await response.arrayBuffer())
  } catch (error) {
    throw new ProviderError({
      kind: 'transient',
      platform,
      outcome: 'not_sent',
      message: `Could not download the media at ${item.url}: ${networkError(platform, error, [], signal).message}`,
      cause: error,
    })
  }
  if (!response.ok)
    throw new ProviderError({
      kind: response.status >= 500 ? 'transient' : 'invalid_request',
      platform,
      message: `The media at ${item.url} answered ${response.status}; make it downloadable and publish again.`,
    })
  const mimeType = item.mimeType ?? response.headers.get('content-type')?.split(';')[0]?.trim()
  return { bytes, ...(mimeType ? { mimeType } : {}) }
}
