/** One attachment, as far as the sandbox page can tell from the simulator's stored object. */
export interface MediaItem {
  kind: string
  /** A URL when the platform stored one, else the platform's file or media id. */
  ref?: string
}

const MEDIA_KEYS = new Set([
  'photo',
  'video',
  'document',
  'animation',
  'audio',
  'voice',
  'sticker',
  'image',
  'media',
])
const REF_KEYS = ['link', 'url', 'media_url', 'file_id', 'id'] as const

/**
 * Finds attachments in a simulator's raw post without knowing the platform: Telegram stores
 * `photo: PhotoSize[]`, `video: {file_id}`, WhatsApp `image: {link}`… A simulator that exposes
 * a `media` list on the post is read directly.
 */
export function findMedia(post: { raw: unknown; media?: unknown }): MediaItem[] {
  if (Array.isArray(post.media))
    return post.media.map(fromDeclared).filter((item): item is MediaItem => !!item)
  const found: MediaItem[] = []
  walk(post.raw, 0, found)
  return found.slice(0, 10)
}

function fromDeclared(value: unknown): MediaItem | undefined {
  if (!value || typeof value !== 'object') return undefined
  const record = value as Record<string, unknown>
  const kind =
    typeof record.type === 'string'
      ? record.type
      : typeof record.kind === 'string'
        ? record.kind
        : 'media'
  const ref = reference(record)
  return ref ? { kind, ref } : { kind }
}

function walk(value: unknown, depth: number, found: MediaItem[]): void {
  if (depth > 4 || !value || typeof value !== 'object') return
  if (Array.isArray(value)) {
    for (const item of value) walk(item, depth + 1, found)
    return
  }
  for (const [key, child] of Object.entries(value)) {
    if (MEDIA_KEYS.has(key) && child && typeof child === 'object') {
      // Telegram sends several sizes of one photo; the last is the largest.
      const item = Array.isArray(child) ? child[child.length - 1] : child
      if (item && typeof item === 'object') {
        const ref = reference(item as Record<string, unknown>)
        found.push(ref ? { kind: key, ref } : { kind: key })
        continue
      }
    }
    walk(child, depth + 1, found)
  }
}

function reference(record: Record<string, unknown>): string | undefined {
  for (const key of REF_KEYS) {
    const value = record[key]
    if (typeof value === 'string' && value) return value
  }
  return undefined
}
