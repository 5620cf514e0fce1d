// Pure text helpers of the previews: where a feed folds a long text, which words a platform
// highlights, and what a link card can show without fetching the page.

/** A run of caption text; hashtags and @-mentions are drawn as the platform links them. */
export interface Segment {
  text: string
  tag?: 'hashtag' | 'mention'
}

/** What a link card shows: the browser cannot fetch the page, so only what the URL itself says. */
export interface LinkCard {
  url: string
  /** The host without `www.`, as the platforms print it under the title. */
  domain: string
  /** The title the platform is sent; `undefined` where it reads the page's own title at publish time. */
  title?: string
}

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g
const TAG_PATTERN = /([#@])([\p{L}\p{N}_][\p{L}\p{N}_.]*)/gu

export function urlsIn(text: string): string[] {
  return [...text.matchAll(URL_PATTERN)].map((m) => m[0].replace(/[.,;:!?)]+$/, ''))
}

export function linkCard(url: string, title?: string): LinkCard | undefined {
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined
    const domain = parsed.hostname.replace(/^www\./, '')
    return title === undefined ? { url, domain } : { url, domain, title }
  } catch {
    return undefined
  }
}

/** Hashtags and mentions as separate segments, at a word start only (not `a#b`, not e-mail addresses). */
export function segmentsOf(text: string): Segment[] {
  const segments: Segment[] = []
  let at = 0
  for (const match of text.matchAll(TAG_PATTERN)) {
    const start = match.index
    if (start > 0 && /[\p{L}\p{N}_&]/u.test(text[start - 1]!)) continue
    if (start > at) segments.push({ text: text.slice(at, start) })
    segments.push({ text: match[0], tag: match[1] === '#' ? 'hashtag' : 'mention' })
    at = start + match[0].length
  }
  if (at < text.length) segments.push({ text: text.slice(at) })
  return segments
}

/**
 * The part of `text` a feed shows before its "more" link, or `undefined` when nothing is hidden:
 * at most `chars` characters and `lines` lines, cut at a word end where one is near.
 */
export function foldOf(text: string, { chars, lines }: { chars: number; lines: number }) {
  const trimmed = text.trimEnd()
  const points = [...trimmed]
  let lineBreaks = 0
  let cut = Math.min(points.length, chars)
  let atLineEnd = false
  for (let i = 0; i < cut; i++) {
    if (points[i] === '\n' && ++lineBreaks === lines) {
      cut = i
      atLineEnd = true
    }
  }
  if (cut >= points.length) return undefined
  const head = points.slice(0, cut).join('')
  if (atLineEnd) return head.trimEnd()
  const wordEnd = head.search(/\s\S*$/)
  const shown = wordEnd > head.length - 20 && wordEnd > 0 ? head.slice(0, wordEnd) : head
  return shown.trimEnd()
}
