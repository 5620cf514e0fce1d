import { CONTENT_RULES, countText, splitThread, threadSuffix } from '@statex/core'
import type { XThread, XThreadPart } from './composer-values'

// The thread editor's rules, from @statex/core: loaded after first paint, with the editor.

export const X_LIMIT = CONTENT_RULES.twitter.text.max

/**
 * The thread `text` becomes: split at paragraphs, sentences, then words; one part at least. The
 * post's link is appended to the first post when it is sent (composeText), so room is kept for it.
 */
export function threadFrom(text: string, numbered: boolean, link = ''): XThread {
  const url = link.trim()
  const firstReserve = url ? countText(`\n\n${url}`, 'twitter-weighted') : 0
  const texts = splitThread(text, { numbered, firstReserve })
  return {
    on: true,
    numbered,
    parts: (texts.length ? texts : ['']).map((t, i) => ({ id: i + 1, text: t })),
  }
}

/** All parts as one text again (turning the thread off, or splitting anew). */
export function joinParts(parts: readonly XThreadPart[]): string {
  return parts
    .map((p) => p.text.trim())
    .filter(Boolean)
    .join('\n\n')
}

/** Part `index`'s weight as X counts it, with its " i/N" when the thread is numbered. */
export function partWeight(thread: XThread, index: number): number {
  const text = thread.parts[index]?.text ?? ''
  const suffix = thread.numbered ? threadSuffix(index, thread.parts.length) : ''
  return countText(`${text}${suffix}`, 'twitter-weighted')
}

/** `parts` with the one at `from` moved to `to`. */
export function moved<T>(parts: readonly T[], from: number, to: number): T[] {
  const next = [...parts]
  const [part] = next.splice(from, 1)
  next.splice(to, 0, part!)
  return next
}
