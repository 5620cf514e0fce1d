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
 * Near-duplicates are looked for among this many posts closest in time, either side: an account
 * rarely posts more than this in a window, and a 10,000-row import of near-identical rows stays
 * linear instead of comparing every row with every other (50 million comparisons).
 */
const NEAR_SCAN = 20

/**
 * Texts per account in time order, for "the closest earlier-or-later post within the window".
 * The same text (after normalising) is found however many posts the window holds, through a map;
 * a nearly-same one among the NEAR_SCAN posts nearest in time. Each distinct text's trigrams are
 * computed once.
 */
export class DuplicateIndex<T extends DatedText> {
  private readonly byAccount = new Map<string, T[]>()
  private readonly byText = new Map<string, T[]>()
  private readonly prints = new Map<string, Fingerprint>()

  constructor(items: Iterable<T> = []) {
    for (const item of items) this.add(item)
  }

  add(item: T): void {
    let list = this.byAccount.get(item.accountId)
    if (!list) this.byAccount.set(item.accountId, (list = []))
    // After any of the same instant: items added in time order are appended, not shifted in.
    list.splice(this.firstAfter(list, item.at.getTime()), 0, item)
    const key = this.textKey(item.accountId, item.text)
    const same = this.byText.get(key)
    if (same) same.push(item)
    else this.byText.set(key, [item])
  }

  /** The most alike text on the account within `windowMs` of `query.at`, if any is near enough. */
  closest(query: DatedText, windowMs: number): { item: T; score: number } | undefined {
    const list = this.byAccount.get(query.accountId)
    if (!list || !normalise(query.text)) return undefined
    const at = query.at.getTime()
    const within = (item: T) => Math.abs(item.at.getTime() - at) <= windowMs
    const same = this.byText.get(this.textKey(query.accountId, query.text))?.find(within)
    if (same) return { item: same, score: 1 }

    const mine = this.printOf(query.text)
    let best: { item: T; score: number } | undefined
    // Outwards from the query's instant, the nearer side first, until NEAR_SCAN or the window.
    let left = this.firstAfter(list, at) - 1
    let right = left + 1
    for (let n = 0; n < NEAR_SCAN; n++) {
      const l = left >= 0 && within(list[left]!) ? list[left]! : undefined
      const r = right < list.length && within(list[right]!) ? list[right]! : undefined
      if (!l && !r) break
      const takeLeft = l && (!r || at - l.at.getTime() <= r.at.getTime() - at)
      const item = takeLeft ? l : r!
      if (takeLeft) left--
      else right++
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

  private textKey(accountId: string, text: string): string {
    return `${accountId}\u0000${this.printOf(text).normalised}`
  }

  private printOf(text: string): Fingerprint {
    let print = this.prints.get(text)
    if (!print) this.prints.set(text, (print = fingerprint(text)))
    return print
  }

  /** The index of the first item later than `at` (binary search). */
  private firstAfter(list: T[], at: number): number {
    let lo = 0
    let hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (list[mid]!.at.getTime() <= at) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
