import type { Platform, PostDraft } from '@statex/core'
import type { SocialAccount } from '@statex/db'
import type { AppDeps } from '../deps.js'
import { DuplicateIndex } from './duplicate-text.js'

export { NEAR_DUPLICATE, similarity } from './duplicate-text.js'

/** Either side of the post's time (STATEX_DUPLICATE_WINDOW_HOURS); 0 turns the check off. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 72 * 3_600_000

// X refuses a post identical to a recent one of the same account (403 "duplicate content"),
// so there it is refused before it is sent rather than failed at publish time.
const REFUSING: readonly Platform[] = ['twitter']

/** Whether the platform refuses a duplicate outright (so we refuse it before sending). */
export const refusesDuplicates = (platform: Platform): boolean => REFUSING.includes(platform)

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
  const targets = input.targets.filter((t) => t.content.text.trim())
  if (input.windowMs <= 0 || targets.length === 0) return []
  const recent = await deps.db.posts.listRecentTargets({
    accountIds: targets.map((t) => t.account.id),
    from: new Date(input.at.getTime() - input.windowMs),
    to: new Date(input.at.getTime() + input.windowMs),
    ...(input.excludeGroupId ? { excludeGroupId: input.excludeGroupId } : {}),
  })
  const index = new DuplicateIndex(recent)
  const warnings: DuplicateWarning[] = []
  for (const { account, content } of targets) {
    const found = index.closest(
      { accountId: account.id, text: content.text, at: input.at },
      input.windowMs,
    )
    if (!found) continue
    const best = { target: found.item, score: found.score }
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
