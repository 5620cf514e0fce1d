import {
  zonedTimeToInstant,
  type MediaItem,
  type Platform,
  type PlatformOptions,
  type PostDraft,
} from '@statex/core'
import type { SocialAccount } from '@statex/db'
import type { ProviderRegistry } from '@statex/providers'
import { firstCommentProblems } from '../first-comment-rules.js'
import type { Column, ParsedCsv } from './csv.js'

export interface RowProblem {
  column: string
  code: string
  message: string
  platform?: Platform
  accountId?: string
}

export type RowTime = { type: 'draft' } | { type: 'at'; at: Date } | { type: 'next-slot' }

/** One row read into what `createPostGroups` takes, or the row's problems. */
export interface ReadRow {
  row: number
  content: PostDraft
  targets: { accountId: string; platform: Platform; override?: Partial<PostDraft> }[]
  time: RowTime
  problems: RowProblem[]
}

export interface RowContext {
  accounts: readonly SocialAccount[]
  providers: ProviderRegistry
  /** Zone of times written without an offset ("2026-12-01 09:00"). */
  timeZone: string
  now: Date
}

const VIDEO = /\.(mp4|mov|m4v|webm)(\?|$)/i
const LIST = /[\s,;|]+/
const URL_LIST = /[\s;|]+/
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i
// Same tolerance as the API's scheduling: a minute of clock skew, not a time in the past.
const PAST_TOLERANCE_MS = 60_000

function media(cell: string, column: string, problems: RowProblem[]): MediaItem[] {
  return cell
    .split(URL_LIST)
    .filter(Boolean)
    .flatMap((url): MediaItem[] => {
      let parsed: URL | undefined
      try {
        parsed = new URL(url)
      } catch {
        parsed = undefined
      }
      if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
        problems.push({
          column,
          code: 'MEDIA_URL_INVALID',
          message: `"${url}" is not an http(s) URL.`,
        })
        return []
      }
      return [{ url, type: VIDEO.test(url) ? 'video' : 'image' }]
    })
}

function time(cell: string, ctx: RowContext, problems: RowProblem[]): RowTime {
  const value = cell.trim()
  if (!value) return { type: 'draft' }
  if (/^next[\s-]?slot$/i.test(value)) return { type: 'next-slot' }
  let at: Date | undefined
  const local = LOCAL_TIME.exec(value)
  try {
    if (local) {
      const [, year, month, day, hour, minute] = local.map(Number)
      at = zonedTimeToInstant(
        { year: year!, month: month!, day: day!, hour: hour!, minute: minute! },
        ctx.timeZone,
      )
    } else if (INSTANT.test(value)) at = new Date(value)
  } catch {
    at = undefined
  }
  if (!at || Number.isNaN(at.getTime())) {
    problems.push({
      column: 'time',
      code: 'TIME_INVALID',
      message: `"${value}" is not a time: write 2026-12-01T09:00:00Z, "2026-12-01 09:00" (in ${ctx.timeZone}), "next slot", or leave it empty for a draft.`,
    })
    return { type: 'draft' }
  }
  if (at.getTime() < ctx.now.getTime() - PAST_TOLERANCE_MS) {
    problems.push({
      column: 'time',
      code: 'TIME_IN_PAST',
      message: `${at.toISOString()} is in the past.`,
    })
  }
  return { type: 'at', at }
}

function targetsOf(
  cells: Record<string, string>,
  headers: { platforms?: string; accounts?: string },
  ctx: RowContext,
  problems: RowProblem[],
): SocialAccount[] {
  const chosen = new Map<string, SocialAccount>()
  const live = ctx.accounts.filter((a) => a.status !== 'disabled')
  for (const name of (cells[headers.platforms ?? ''] ?? '')
    .toLowerCase()
    .split(LIST)
    .filter(Boolean)) {
    const of = live.filter((a) => a.platform === name)
    if (of.length === 0)
      problems.push({
        column: 'platforms',
        code: 'NO_ACCOUNT',
        message: `No connected ${name} account in this workspace${
          ctx.providers.providers[name as Platform]
            ? ''
            : ` ("${name}" is not a platform this server runs)`
        }.`,
      })
    for (const account of of) chosen.set(account.id, account)
  }
  for (const id of (cells[headers.accounts ?? ''] ?? '').split(LIST).filter(Boolean)) {
    const account = ctx.accounts.find((a) => a.id === id)
    if (!account)
      problems.push({
        column: 'accounts',
        code: 'NO_ACCOUNT',
        message: `No account ${id} in this workspace.`,
        accountId: id,
      })
    else chosen.set(account.id, account)
  }
  if (chosen.size === 0 && problems.length === 0)
    problems.push({
      column: 'platforms',
      code: 'NO_TARGET',
      message: 'Name at least one platform or account.',
    })
  return [...chosen.values()]
}

/**
 * Reads and checks one row: its columns, then the content each target gets against that
 * platform's rules (`provider.validate`, the same rules as POST /v1/posts), so a row that is
 * reported valid is one the API would accept.
 */
export function readRow(
  parsed: ParsedCsv,
  input: ParsedCsv['rows'][number],
  ctx: RowContext,
): ReadRow {
  const problems: RowProblem[] = []
  const { cells } = input
  if (input.extraFields > 0)
    problems.push({
      column: '',
      code: 'TOO_MANY_FIELDS',
      message: `The row has ${input.extraFields} more field${input.extraFields > 1 ? 's' : ''} than the header; quote cells that contain commas.`,
    })
  const headers: {
    platforms?: string
    accounts?: string
    time?: string
    media?: string
    first_comment?: string
  } = {}
  const overrides = new Map<Platform, Partial<PostDraft>>()
  for (const [header, col] of parsed.columns as Map<string, Column>) {
    if (!('platform' in col)) {
      if (col.field !== 'text') headers[col.field] = header
      continue
    }
    const cell = (cells[header] ?? '').trim()
    if (!cell) continue
    const override = overrides.get(col.platform) ?? {}
    if (col.field === 'text') override.text = cell
    else if (col.field === 'media') override.media = media(cell, header, problems)
    else {
      try {
        const options = JSON.parse(cell) as unknown
        if (typeof options !== 'object' || options === null || Array.isArray(options))
          throw new Error()
        override.options = { [col.platform]: options } as PlatformOptions
      } catch {
        problems.push({
          column: header,
          code: 'OPTIONS_INVALID',
          message: `${header} must be a JSON object, e.g. {"recipients":["+420600000001"]}.`,
          platform: col.platform,
        })
      }
    }
    overrides.set(col.platform, override)
  }
  const content: PostDraft = { text: cells.text ?? '' }
  const firstComment = headers.first_comment ? (cells[headers.first_comment] ?? '').trim() : ''
  if (firstComment) content.firstComment = firstComment
  const baseMedia = headers.media ? media(cells[headers.media] ?? '', headers.media, problems) : []
  if (baseMedia.length) content.media = baseMedia
  const accounts = targetsOf(cells, headers, ctx, problems)
  const rowTime = headers.time
    ? time(cells[headers.time] ?? '', ctx, problems)
    : ({ type: 'draft' } as const)

  const targets = accounts.map((account) => {
    const override = overrides.get(account.platform)
    const provider = ctx.providers.providers[account.platform]
    if (!provider) {
      problems.push({
        column: 'platforms',
        code: 'PLATFORM_NOT_AVAILABLE',
        message: `${account.platform} is not configured on this server; see GET /v1/platforms.`,
        platform: account.platform,
        accountId: account.id,
      })
    } else {
      const resolved: PostDraft = override ? { ...content, ...override } : content
      for (const issue of [
        ...provider.validate(resolved),
        ...firstCommentProblems(provider, resolved),
      ])
        problems.push({
          column:
            issue.path === 'firstComment'
              ? 'first_comment'
              : issue.path.startsWith('media')
                ? 'media'
                : issue.path.startsWith('options')
                  ? `options:${account.platform}`
                  : 'text',
          code: issue.code,
          message: `${account.platform} (${account.displayName}): ${issue.message}`,
          platform: account.platform,
          accountId: account.id,
        })
    }
    return { accountId: account.id, platform: account.platform, ...(override ? { override } : {}) }
  })
  return { row: input.row, content, targets, time: rowTime, problems }
}
