import { parseRetryAfter, type HeaderSource } from '@statex/core'

/** One usage figure set, in percent of the limit (`X-App-Usage`, `X-Page-Usage`, a BUC entry). */
export interface GraphUsage {
  call_count?: number
  total_cputime?: number
  total_time?: number
  /** Business Use Case entries only: its type (`pages`, `instagram`, `messenger`, `whatsapp`…). */
  type?: string
  /** Minutes until calls are allowed again; BUC and sometimes app usage. */
  estimated_time_to_regain_access?: number
}

export interface GraphUsageReport {
  app?: GraphUsage
  page?: GraphUsage
  /** `X-Business-Use-Case-Usage`: per business object id, one entry per use case. */
  businessUseCase?: Record<string, GraphUsage[]>
  /** The highest percentage any figure reached (100 = throttled). */
  maxPercent?: number
  /** How long to wait, from `estimated_time_to_regain_access` (and `Retry-After` if ever sent). */
  retryAfterMs?: number
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function')
    return (headers as Headers).get(name) ?? undefined
  const record = headers as Record<string, unknown>
  const key = Object.keys(record).find((k) => k.toLowerCase() === name)
  const value = key === undefined ? undefined : record[key]
  return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value)
}

function json(value: string | undefined): unknown {
  if (!value) return undefined
  try {
    return JSON.parse(value)
  } catch {
    return undefined
  }
}

const PERCENT_FIELDS = ['call_count', 'total_cputime', 'total_time'] as const

/**
 * Reads Meta's three usage headers. The wait itself comes from core's `parseRetryAfter`, which
 * already understands `estimated_time_to_regain_access`, so the two never disagree.
 * @see https://developers.facebook.com/docs/graph-api/overview/rate-limiting
 */
export function readGraphUsage(headers: HeaderSource, now: number = Date.now()): GraphUsageReport {
  const report: GraphUsageReport = {}
  const app = json(header(headers, 'x-app-usage'))
  const page = json(header(headers, 'x-page-usage'))
  const buc = json(header(headers, 'x-business-use-case-usage'))
  if (app && typeof app === 'object') report.app = app as GraphUsage
  if (page && typeof page === 'object') report.page = page as GraphUsage
  if (buc && typeof buc === 'object') report.businessUseCase = buc as Record<string, GraphUsage[]>
  const figures = [
    report.app,
    report.page,
    ...Object.values(report.businessUseCase ?? {}).flatMap((v) => (Array.isArray(v) ? v : [])),
  ].flatMap((usage) => PERCENT_FIELDS.map((f) => usage?.[f]).filter((n) => typeof n === 'number'))
  if (figures.length) report.maxPercent = Math.max(...(figures as number[]))
  const wait = parseRetryAfter(headers, now)
  if (wait !== undefined) report.retryAfterMs = wait
  return report
}
