import { PLATFORMS, type Platform } from '@statex/core'
import Papa from 'papaparse'
import { ApiError } from '../../errors.js'

/** A column of the import: a base field, or a field overridden for one platform (`text:x`). */
export type Column =
  | { field: 'text' | 'platforms' | 'accounts' | 'time' | 'media' | 'first_comment' }
  | { field: 'text' | 'media' | 'options'; platform: Platform }

const BASE: Record<string, Column> = {
  text: { field: 'text' },
  platforms: { field: 'platforms' },
  accounts: { field: 'accounts' },
  account_ids: { field: 'accounts' },
  time: { field: 'time' },
  scheduled_at: { field: 'time' },
  media: { field: 'media' },
  first_comment: { field: 'first_comment' },
}

/** Where Papa puts the cells of a row past the header's columns. */
const EXTRA = '__parsed_extra'

export const KNOWN_COLUMNS =
  'text, platforms, accounts (or account_ids), time (or scheduled_at), media, first_comment, and per platform text:<platform>, media:<platform>, options:<platform> (JSON)'

function column(name: string): Column | undefined {
  const base = BASE[name]
  if (base) return base
  const match = /^(text|media|options):([a-z]+)$/.exec(name)
  if (match && (PLATFORMS as readonly string[]).includes(match[2]!))
    return { field: match[1] as 'text' | 'media' | 'options', platform: match[2] as Platform }
  return undefined
}

export interface ParsedCsv {
  columns: Map<string, Column>
  /** Data rows as `header → cell`; `row` counts data rows from 1 (the header is not one). */
  rows: { row: number; cells: Record<string, string>; extraFields: number }[]
}

/**
 * Reads the CSV (RFC 4180 quoting, any line ending, a header row). A file-level problem (no text
 * column, an unknown column, a malformed quote) refuses the whole import with what to fix; row
 * problems are the validator's.
 */
export function parseCsv(csv: string, maxRows: number): ParsedCsv {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim().toLowerCase(),
  })
  // A one-column file has no delimiter to detect (Papa then takes a comma, which is right), and
  // a row with too many fields is that row's problem: only broken quoting is the file's.
  const fatal = parsed.errors.filter((e) => e.type === 'Quotes')
  if (fatal.length)
    throw new ApiError('INVALID_INPUT', {
      message: `The CSV cannot be read: ${fatal[0]!.message}${fatal[0]!.row !== undefined ? ` (data row ${fatal[0]!.row + 1})` : ''}.`,
      details: fatal.map((e) => ({ row: e.row, message: e.message })),
    })
  const headers = parsed.meta.fields ?? []
  const columns = new Map<string, Column>()
  const unknown: string[] = []
  for (const header of headers) {
    const known = column(header)
    if (known) columns.set(header, known)
    else unknown.push(header)
  }
  if (unknown.length)
    throw new ApiError('INVALID_INPUT', {
      message: `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; the columns are ${KNOWN_COLUMNS}.`,
      details: { unknown },
    })
  if (!columns.has('text'))
    throw new ApiError('INVALID_INPUT', {
      message: `The CSV needs a header row with a "text" column; the columns are ${KNOWN_COLUMNS}.`,
    })
  if (![...columns.values()].some((c) => c.field === 'platforms' || c.field === 'accounts'))
    throw new ApiError('INVALID_INPUT', {
      message: 'The CSV needs a "platforms" or an "accounts" column saying where each row goes.',
    })
  if (parsed.data.length > maxRows)
    throw new ApiError('INVALID_INPUT', {
      message: `The CSV has ${parsed.data.length} rows; at most ${maxRows} are imported at once. Split the file.`,
    })
  return {
    columns,
    rows: parsed.data.map((cells, i) => ({
      row: i + 1,
      cells,
      extraFields: EXTRA in cells ? (cells[EXTRA] as unknown as string[]).length : 0,
    })),
  }
}
