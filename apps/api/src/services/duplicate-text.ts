/**
 * How alike two texts must be to count as "nearly the same": the Dice coefficient of their
 * character trigrams after normalising case, spacing and links. 0.9 catches a changed word or
 * punctuation in a sentence of ordinary length; a rewritten sentence scores well below it.
 */
export const NEAR_DUPLICATE = 0.9

export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

function trigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>()
  const padded = `  ${text} `
  for (let i = 0; i + 3 <= padded.length; i++) {
    const gram = padded.slice(i, i + 3)
    grams.set(gram, (grams.get(gram) ?? 0) + 1)
  }
  return grams
}

interface Fingerprint {
  normalised: string
  grams: Map<string, number>
  size: number
}

function fingerprint(text: string): Fingerprint {
  const normalised = normalise(text)
  const grams = normalised ? trigrams(normalised) : new Map<string, number>()
  let size = 0
  for (const n of grams.values()) size += n
  return { normalised, grams, size }
}

function dice(x: Fingerprint, y: Fingerprint): number {
  if (x.normalised === y.normalised) return 1
  if (!x.normalised || !y.normalised) return 0
  let shared = 0
  for (const [gram, n] of x.grams) shared += Math.min(n, y.grams.get(gram) ?? 0)
  return (2 * shared) / (x.size + y.size)
}

/** 1 for the same text (after normalising), 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  return dice(fingerprint(a), fingerprint(b))
}

/** What the index compares: a text on an account at an instant. */
export interface DatedText {
  accountId: string
  text: string
  at: Date
}

/**
 * Texts per account in time order, for "the closest earlier-or-later post within the window":
 * a binary search bounds each look-up to the window, and each distinct text's trigrams are
 * computed once, so checking 10,000 imported rows stays linear in what each window holds.
 */
export class DuplicateIndex<T extends DatedText> {
  private readonly byAccount = new Map<string, T[]>()
  private readonly prints = new Map<string, Fingerprint>()

  constructor(items: Iterable<T> = []) {
    for (const item of items) this.add(item)
  }

  add(item: T): void {
    let list = this.byAccount.get(item.accountId)
    if (!list) this.byAccount.set(item.accountId, (list = []))
    list.splice(this.firstAtOrAfter(list, item.at.getTime()), 0, item)
  }

  /** The most alike text on the account within `windowMs` of `query.at`, if any is near enough. */
  closest(query: DatedText, windowMs: number): { item: T; score: number } | undefined {
    const list = this.byAccount.get(query.accountId)
    if (!list || !normalise(query.text)) return undefined
    const mine = this.printOf(query.text)
    const at = query.at.getTime()
    let best: { item: T; score: number } | undefined
    for (let i = this.firstAtOrAfter(list, at - windowMs); i < list.length; i++) {
      const item = list[i]!
      if (item.at.getTime() > at + windowMs) break
      const theirs = this.printOf(item.text)
      // Dice ≥ 0.9 needs sizes within a factor of about 1.22 of each other: skip the rest unread.
      if (
        Math.min(mine.size, theirs.size) <
        NEAR_DUPLICATE * Math.max(mine.size, theirs.size) * 0.9
      )
        continue
      const score = dice(mine, theirs)
      if (score >= NEAR_DUPLICATE && (!best || score > best.score)) best = { item, score }
    }
    return best
  }

  private printOf(text: string): Fingerprint {
    let print = this.prints.get(text)
    if (!print) this.prints.set(text, (print = fingerprint(text)))
    return print
  }

  private firstAtOrAfter(list: T[], at: number): number {
    let lo = 0
    let hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (list[mid]!.at.getTime() < at) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
