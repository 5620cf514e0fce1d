import { PLATFORM_NAMES, type Platform } from '@statex/core'
import { resolveDraft, type RecentTarget, type SocialAccount } from '@statex/db'
import type { AppDeps } from '../../deps.js'
import { DuplicateIndex } from '../duplicate-text.js'
import { refusesDuplicates } from '../duplicates.js'
import type { ReadRow, RowProblem } from './rows.js'

interface RowText {
  accountId: string
  text: string
  at: Date
  row: number
}

/**
 * The duplicate check of POST /v1/posts, for a whole file at once: each dated row's text on
 * each account against the posts already stored around its time and against the rows above
 * it (importing the same file twice, or a row repeated in it). Where the platform refuses
 * duplicates (X) the row gets a problem; elsewhere a warning. One query for the whole file.
 */
export async function checkRowDuplicates(
  deps: Pick<AppDeps, 'db'>,
  rows: readonly ReadRow[],
  timeOf: (row: ReadRow) => Date | undefined,
  accounts: readonly SocialAccount[],
  windowMs: number,
): Promise<Map<ReadRow, RowProblem[]>> {
  const warnings = new Map<ReadRow, RowProblem[]>()
  const dated = rows.filter((row) => row.problems.length === 0 && timeOf(row))
  if (windowMs <= 0 || dated.length === 0) return warnings
  const times = dated.map((row) => timeOf(row)!.getTime())
  const stored = new DuplicateIndex<RecentTarget>(
    await deps.db.posts.listRecentTargets({
      accountIds: [...new Set(dated.flatMap((row) => row.targets.map((t) => t.accountId)))],
      from: new Date(Math.min(...times) - windowMs),
      to: new Date(Math.max(...times) + windowMs),
    }),
  )
  const above = new DuplicateIndex<RowText>()
  const nameOf = new Map(accounts.map((a) => [a.id, a.displayName]))
  for (const row of dated) {
    const at = timeOf(row)!
    const texts = row.targets.map((t) => ({
      target: t,
      query: { accountId: t.accountId, text: resolveDraft(row.content, t.override).text, at },
    }))
    for (const { target, query } of texts) {
      const earlierPost = stored.closest(query, windowMs)
      const earlierRow = above.closest(query, windowMs)
      if (!earlierPost && !earlierRow) continue
      const score = Math.max(earlierPost?.score ?? 0, earlierRow?.score ?? 0)
      const like = score === 1 ? 'the same text as' : 'nearly the same text as'
      const what =
        earlierRow && earlierRow.score >= (earlierPost?.score ?? 0)
          ? `row ${earlierRow.item.row} of this file`
          : `a post ${earlierPost!.item.status === 'PUBLISHED' ? 'published' : 'scheduled'} at ${earlierPost!.item.at.toISOString()} (/v1/posts/${earlierPost!.item.groupId})`
      const refused = refusesDuplicates(target.platform)
      const problem: RowProblem = {
        column: 'text',
        code: 'DUPLICATE_CONTENT',
        platform: target.platform,
        accountId: target.accountId,
        message: `"${nameOf.get(target.accountId) ?? target.accountId}" has ${like} ${what}${
          refused ? `; ${platformName(target.platform)} refuses duplicates: change the text` : ''
        }.`,
      }
      if (refused) row.problems.push(problem)
      else warnings.set(row, [...(warnings.get(row) ?? []), problem])
    }
    // Only a row that will be created can be repeated by the rows below it.
    if (row.problems.length === 0)
      for (const { query } of texts) above.add({ ...query, row: row.row })
  }
  return warnings
}

const platformName = (platform: Platform) => PLATFORM_NAMES[platform] ?? platform
