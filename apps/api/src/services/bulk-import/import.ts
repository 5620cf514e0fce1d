import { nextFreeSlot } from '@statex/core'
import type { BulkCreateInput } from '@statex/db'
import type { FastifyBaseLogger } from 'fastify'
import type { Principal } from '../../auth.js'
import type { AppDeps } from '../../deps.js'
import { DEFAULT_DUPLICATE_WINDOW_MS } from '../duplicates.js'
import { emitPostEvent } from '../post-events.js'
import { parseCsv } from './csv.js'
import { checkRowDuplicates } from './duplicates.js'
import { readRow, type ReadRow, type RowProblem } from './rows.js'

/** Rows one import takes; the bench measures this many. */
export const MAX_IMPORT_ROWS = 10_000

export type ImportMode = 'all-or-nothing' | 'valid-rows'

export interface ImportInput {
  csv: string
  /** `all-or-nothing`: one bad row and nothing is created. `valid-rows`: the good ones are. */
  mode: ImportMode
  /** Check and report only. */
  dryRun: boolean
  /** Zone of times without an offset; default the workspace's. */
  timeZone?: string | undefined
}

export interface RowReport {
  row: number
  valid: boolean
  postId: string | null
  /** When it publishes (a next slot resolved), null for a draft. */
  scheduledAt: string | null
  targets: number
  problems: RowProblem[]
  /** Nothing to fix, worth a look: the same text as another post on the account around then. */
  warnings: RowProblem[]
}

export interface ImportReport {
  mode: ImportMode
  dryRun: boolean
  total: number
  valid: number
  invalid: number
  created: number
  rows: RowReport[]
}

type Deps = Pick<AppDeps, 'db' | 'providers' | 'webhookQueue'> & {
  log: FastifyBaseLogger
  /** The duplicate check's window either side of each row's time; default 72 hours, 0 = off. */
  duplicateWindowMs?: number
}

const HORIZON_MS = 61 * 86_400_000

/**
 * Gives each "next slot" row, in file order, the first weekly slot none of its accounts holds,
 * counting the posts already scheduled and the rows before it.
 */
async function assignSlots(deps: Deps, workspaceId: string, rows: ReadRow[], now: Date) {
  const wanting = rows.filter((r) => r.time.type === 'next-slot' && r.problems.length === 0)
  const at = new Map<ReadRow, Date>()
  if (wanting.length === 0) return at
  const schedule = await deps.db.slots.getPostingSchedule(workspaceId)
  const horizon = new Date(now.getTime() + HORIZON_MS)
  const taken = new Map<string, Date[]>()
  for (const accountId of new Set(wanting.flatMap((r) => r.targets.map((t) => t.accountId))))
    taken.set(accountId, await deps.db.posts.takenTimes([accountId], now, horizon))
  for (const row of wanting) {
    const slot = nextFreeSlot(
      schedule.slots,
      schedule.timeZone,
      now,
      row.targets.flatMap((t) => taken.get(t.accountId)!),
    )
    if (!slot) {
      row.problems.push({
        column: 'time',
        code: 'NO_FREE_SLOT',
        message: schedule.slots.length
          ? 'No free posting slot left for this row (the rows above took them); add slots or give it a time.'
          : 'The workspace has no posting slots; add some (PUT /v1/workspace/slots) or give the row a time.',
      })
      continue
    }
    at.set(row, slot)
    for (const t of row.targets) taken.get(t.accountId)!.push(slot)
  }
  return at
}

/**
 * Posts that went straight to review are submitted ones, as from POST /v1/posts: each tells
 * the workspace's post.submitted endpoints. One subscription check first, so an import into a
 * workspace without such an endpoint costs nothing more.
 */
async function announceSubmitted(
  deps: Deps,
  principal: Principal,
  posts: BulkCreateInput['posts'],
  groupIds: string[],
) {
  const submitted = groupIds.filter((_, i) => posts[i]!.status === 'IN_REVIEW')
  if (!submitted.length || !deps.webhookQueue) return
  if (!(await deps.db.webhooks.hasSubscribers(principal.workspaceId, 'post.submitted'))) return
  for (const postId of submitted)
    await emitPostEvent(deps, principal.workspaceId, 'post.submitted', {
      postId,
      approvalStatus: 'in_review',
      actor: principal.actor,
      source: 'import',
    })
}

/**
 * Imports posts from a CSV: every row read and checked against each target platform's rules
 * before anything is stored, then the rows the mode allows created in one transaction (all of
 * them or none), and a report of every row. A workspace that requires approval gets them in
 * review (with a time) or as drafts to submit, exactly as POST /v1/posts does.
 */
export async function importPosts(
  deps: Deps,
  principal: Principal,
  input: ImportInput,
  now = new Date(),
): Promise<ImportReport> {
  const parsed = parseCsv(input.csv, MAX_IMPORT_ROWS)
  const [accounts, schedule, policy] = await Promise.all([
    deps.db.accounts.listAccounts(principal.workspaceId),
    deps.db.slots.getPostingSchedule(principal.workspaceId),
    deps.db.approvals.getPolicy(principal.workspaceId),
  ])
  const ctx = {
    accounts,
    providers: deps.providers,
    timeZone: input.timeZone ?? schedule.timeZone,
    now,
  }
  const rows = parsed.rows.map((row) => readRow(parsed, row, ctx))
  const slots = await assignSlots(deps, principal.workspaceId, rows, now)
  const warnings = await checkRowDuplicates(
    deps,
    rows,
    (row) => (row.time.type === 'at' ? row.time.at : slots.get(row)),
    accounts,
    deps.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS,
  )
  const good = rows.filter((r) => r.problems.length === 0)
  const invalid = rows.length - good.length
  const create = !input.dryRun && (input.mode === 'valid-rows' || invalid === 0) ? good : []

  const postIds = new Map<ReadRow, string>()
  if (create.length) {
    const posts: BulkCreateInput['posts'] = create.map((row) => {
      const scheduledAt = row.time.type === 'at' ? row.time.at : slots.get(row)
      const status = scheduledAt ? (policy.required ? 'IN_REVIEW' : 'SCHEDULED') : 'DRAFT'
      return {
        content: row.content,
        targets: row.targets.map((t) =>
          t.override
            ? { accountId: t.accountId, override: t.override }
            : { accountId: t.accountId },
        ),
        status,
        ...(policy.required && status === 'DRAFT' ? { approvalStatus: 'pending' as const } : {}),
        ...(scheduledAt ? { scheduledAt } : {}),
        timeZone: ctx.timeZone,
      }
    })
    const { groupIds } = await deps.db.posts.createPostGroups({
      workspaceId: principal.workspaceId,
      ...(principal.userId ? { createdByUserId: principal.userId } : {}),
      actor: principal.actor,
      posts,
    })
    create.forEach((row, i) => postIds.set(row, groupIds[i]!))
    await announceSubmitted(deps, principal, posts, groupIds)
  }
  return {
    mode: input.mode,
    dryRun: input.dryRun,
    total: rows.length,
    valid: good.length,
    invalid,
    created: create.length,
    rows: rows.map((row) => {
      const at = row.time.type === 'at' ? row.time.at : slots.get(row)
      return {
        row: row.row,
        valid: row.problems.length === 0,
        postId: postIds.get(row) ?? null,
        scheduledAt: at ? at.toISOString() : null,
        targets: row.targets.length,
        problems: row.problems,
        warnings: warnings.get(row) ?? [],
      }
    }),
  }
}
