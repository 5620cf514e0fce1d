import twitterText from 'twitter-text'
import { CONTENT_RULES } from './content-rules.js'
import { countText, fittingLength, type TextCounting } from './text-length.js'

export interface ThreadSplitOptions {
  /** The most one part may weigh. Default: X's 280. */
  max?: number
  /** How the platform counts. Default: X's weighted count (every URL 23, emoji and CJK 2). */
  counting?: TextCounting
  /**
   * Leave room in every part for the `" 1/N"` suffix `numberThreadParts` appends, so the numbered
   * parts still fit. Default false.
   */
  numbered?: boolean
  /**
   * Weight to keep free in the first part only: room for what is added to it when it is sent
   * (X's adapter appends `PostDraft.link` to the first post). Default 0.
   */
  firstReserve?: number
}

/** The suffix a numbered part ends with: `" 2/5"` for the second of five. */
export function threadSuffix(index: number, total: number): string {
  return ` ${index + 1}/${total}`
}

/** The parts as they are sent when numbering is on: each with its `" i/N"` suffix. */
export function numberThreadParts(parts: readonly string[]): string[] {
  return parts.map((part, i) => `${part}${threadSuffix(i, parts.length)}`)
}

// Where a part may end, best first: between paragraphs, between sentences, between words.
type Level = 'paragraph' | 'sentence' | 'word'

/** Break offsets (UTF-16) of each level; none falls strictly inside a URL. */
function breaksOf(text: string): Record<Level, number[]> {
  const urls = twitterText.extractUrlsWithIndices(text).map((u) => u.indices)
  const allowed = (at: number) => !urls.some(([start, end]) => at > start && at < end)
  const paragraph = [...text.matchAll(/\n[ \t]*\n/g)].map((m) => m.index)
  // The sentence segmenter breaks "v1.Foo" inside a URL path; `allowed` drops such breaks.
  const sentence = [...new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text)]
    .map((s) => s.index)
    .filter((at) => at > 0)
  const word = [...text.matchAll(/\s+/g)].map((m) => m.index)
  return {
    paragraph: paragraph.filter(allowed),
    sentence: sentence.filter(allowed),
    word: word.filter(allowed),
  }
}

/** Where one part that starts at `start` ends: the furthest break of the best level that fits. */
function endOfPart(
  text: string,
  start: number,
  breaks: Record<Level, number[]>,
  fits: (part: string) => boolean,
  room: number,
  counting: TextCounting,
): number {
  for (const level of ['paragraph', 'sentence', 'word'] as const) {
    let best: number | undefined
    for (const at of breaks[level]) {
      if (at <= start) continue
      const part = text.slice(start, at).trimEnd()
      if (!part) continue
      if (!fits(part)) break
      best = at
    }
    if (best !== undefined) return best
  }
  // One word longer than a whole part: cut it where the limit falls, never inside a URL in it.
  let cut = start + fittingLength(text.slice(start), counting, room)
  for (const { indices } of twitterText.extractUrlsWithIndices(text)) {
    const [urlStart, urlEnd] = indices
    if (cut > urlStart && cut < urlEnd && urlStart > start) cut = urlStart
  }
  // At least one character, so a limit smaller than one character cannot loop forever.
  return Math.max(cut, start + ([...text.slice(start)][0]?.length ?? 1))
}

function splitWithRoom(
  text: string,
  room: number,
  counting: TextCounting,
  firstReserve: number,
): string[] {
  const breaks = breaksOf(text)
  const parts: string[] = []
  let start = text.length - text.trimStart().length
  while (start < text.length) {
    const rest = text.slice(start).trimEnd()
    if (!rest) break
    const partRoom = parts.length === 0 ? Math.max(1, room - firstReserve) : room
    const fits = (part: string) => countText(part, counting) <= partRoom
    if (fits(rest)) {
      parts.push(rest)
      break
    }
    const end = endOfPart(text, start, breaks, fits, partRoom, counting)
    parts.push(text.slice(start, end).trim())
    start = end
    while (start < text.length && /\s/.test(text[start]!)) start++
  }
  return parts
}

/**
 * Splits a text into thread parts that each fit the limit as the platform counts it: at paragraph
 * breaks where it can, else between sentences, else between words, packing as much as fits into
 * each part. A URL is never cut (X counts any URL as 23); a word is cut only when it alone is
 * longer than a part. Blank space between parts is dropped; a blank text gives no parts.
 * With `numbered`, each part leaves room for its `" i/N"` suffix (see `numberThreadParts`).
 */
export function splitThread(text: string, options: ThreadSplitOptions = {}): string[] {
  const max = options.max ?? CONTENT_RULES.twitter.text.max
  const counting = options.counting ?? CONTENT_RULES.twitter.text.counting
  const reserve = options.firstReserve ?? 0
  if (!options.numbered) return splitWithRoom(text, max, counting, reserve)
  // The suffix's width depends on how many parts there are, which depends on the room it leaves:
  // settle on a count whose widest suffix (" N/N") leaves room for exactly that many parts.
  let total = Math.max(1, splitWithRoom(text, max, counting, reserve).length)
  for (;;) {
    const room = max - countText(threadSuffix(total - 1, total), counting)
    const parts = splitWithRoom(text, room, counting, reserve)
    if (parts.length <= total) return parts
    total = parts.length
  }
}
