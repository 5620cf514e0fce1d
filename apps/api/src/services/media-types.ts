import { CONTENT_RULES, type MediaType, type Platform } from '@statex/core'

/** Extensions we store files under, by the MIME type their bytes show. */
export const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'application/pdf': 'pdf',
}

/**
 * The MIME type the first bytes show (file signatures), never the client's claim: a `.jpg` that is
 * an HTML page is refused, not served from our origin.
 */
export function sniffMimeType(head: Uint8Array): string | undefined {
  const b = Buffer.from(head)
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png'
  if (b.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif'
  if (
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp'
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf'
  if (b.subarray(4, 8).toString('latin1') === 'ftyp') {
    return b.subarray(8, 10).toString('latin1') === 'qt' ? 'video/quicktime' : 'video/mp4'
  }
  return undefined
}

export function mediaTypeOf(mimeType: string): MediaType {
  return mimeType.startsWith('image/')
    ? 'image'
    : mimeType.startsWith('video/')
      ? 'video'
      : 'document'
}

/**
 * Whether `platforms` all accept this file, and the size limit that applies: the smallest of
 * theirs, so one upload works on every target named. Null when one of them refuses the type.
 */
export function limitFor(
  mimeType: string,
  platforms: readonly Platform[],
): { maxBytes: number } | { refusedBy: Platform[] } {
  const type = mediaTypeOf(mimeType)
  const refusedBy: Platform[] = []
  let maxBytes = Number.POSITIVE_INFINITY
  for (const platform of platforms) {
    const rules = CONTENT_RULES[platform].media.types[type]
    // An empty list means the platform documents no format restriction for the type.
    if (!rules || (rules.mimeTypes.length > 0 && !rules.mimeTypes.includes(mimeType)))
      refusedBy.push(platform)
    else maxBytes = Math.min(maxBytes, rules.maxBytes)
  }
  return refusedBy.length ? { refusedBy } : { maxBytes }
}

/** The largest file any of `platforms` accepts: the cap while a file streams in. */
export function largestAccepted(platforms: readonly Platform[]): number {
  let max = 0
  for (const platform of platforms)
    for (const rules of Object.values(CONTENT_RULES[platform].media.types))
      max = Math.max(max, rules?.maxBytes ?? 0)
  return max
}
