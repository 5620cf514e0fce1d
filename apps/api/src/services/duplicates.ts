import type { Platform, PostDraft } from '@statex/core'
import type { RecentTarget, SocialAccount } from '@statex/db'
import type { AppDeps } from '../deps.js'

/**
 * How alike two texts must be to count as "nearly the same": the Dice coefficient of their
 * character trigrams after normalising case, spacing and links. 0.9 catches a changed word or
 * punctuation in a sentence of ordinary length; a rewritten sentence scores well below it.
 */
export const NEAR_DUPLICATE = 0.9

/** Either side of the post's time (STATEX_DUPLICATE_WINDOW_HOURS); 0 turns the check off. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 72 * 3_600_000

// X refuses a post identical to a recent one of the same account (403 "duplicate content"),
// so there it is refused before it is sent rather than failed at publish time.
const REFUSING: readonly Platform[] = ['twitter']

export interface DuplicateWarning {
  code: 'DUPLICATE_CONTENT'
  /** True where the platform would refuse it, so the API refused it. */
  refused: boolean
  accountId: string
  platform: Platform
  similarity: number
  earlier: {
    postId: string
    targetId: string
    status: string
    at: string
    /** The post on the platform, once published. */
    url: string | null
    /** The earlier post in this API. */
    href: string
  }
  message: string
}

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

/**
 * Posts on the same accounts within `windowMs` of `at` whose text is the same or nearly the
 * same as what each target would get. One warning per target: its closest earlier post.
 */
export async function findDuplicates(
  deps: Pick<AppDeps, 'db'>,
  input: {
    targets: { account: SocialAccount; content: PostDraft }[]
    at: Date
    windowMs: number
    excludeGroupId?: string
  },
): Promise<DuplicateWarning[]> {
  const targets = input.targets.filter((t) => normalise(t.content.text))
  if (input.windowMs <= 0 || targets.length === 0) return []
  const recent = await deps.db.posts.listRecentTargets({
    accountIds: targets.map((t) => t.account.id),
    from: new Date(input.at.getTime() - input.windowMs),
    to: new Date(input.at.getTime() + input.windowMs),
    ...(input.excludeGroupId ? { excludeGroupId: input.excludeGroupId } : {}),
  })
  // Each text's trigrams once per request (a workspace repeats its texts, and every target is
  // compared with every recent post of its account): this check runs on every schedule call.
  const prints = new Map<string, Fingerprint>()
  const printOf = (text: string) => {
    let print = prints.get(text)
    if (!print) prints.set(text, (print = fingerprint(text)))
    return print
  }
  const warnings: DuplicateWarning[] = []
  for (const { account, content } of targets) {
    const mine = printOf(content.text)
    let best: { target: RecentTarget; score: number } | undefined
    for (const target of recent) {
      if (target.accountId !== account.id) continue
      const theirs = printOf(target.text)
      // Dice ≥ 0.9 needs sizes within a factor of about 1.22 of each other: skip the rest unread.
      if (
        Math.min(mine.size, theirs.size) <
        NEAR_DUPLICATE * Math.max(mine.size, theirs.size) * 0.9
      )
        continue
      const score = dice(mine, theirs)
      if (score >= NEAR_DUPLICATE && (!best || score > best.score)) best = { target, score }
    }
    if (!best) continue
    const refused = REFUSING.includes(account.platform)
    const same = best.score === 1 ? 'the same text as' : 'nearly the same text as'
    warnings.push({
      code: 'DUPLICATE_CONTENT',
      refused,
      accountId: account.id,
      platform: account.platform,
      similarity: Math.round(best.score * 1000) / 1000,
      earlier: {
        postId: best.target.groupId,
        targetId: best.target.targetId,
        status: best.target.status,
        at: best.target.at.toISOString(),
        url: best.target.url,
        href: `/v1/posts/${best.target.groupId}`,
      },
      message: `"${account.displayName}" has ${same} a post ${
        best.target.status === 'PUBLISHED' ? 'published' : 'scheduled'
      } at ${best.target.at.toISOString()}${
        refused ? '; X refuses duplicates, so this one is not scheduled: change the text' : ''
      }.`,
    })
  }
  return warnings
}
