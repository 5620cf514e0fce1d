export type HeaderSource = Headers | Record<string, string | readonly string[] | number | undefined>

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function')
    return (headers as Headers).get(name) ?? undefined
  const record = headers as Record<string, string | readonly string[] | number | undefined>
  const key = Object.keys(record).find((k) => k.toLowerCase() === name)
  const value = key === undefined ? undefined : record[key]
  if (value === undefined) return undefined
  return Array.isArray(value) ? value[0] : String(value)
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined
  return Number(value)
}

/**
 * How long to wait, in milliseconds, from the rate-limit signals in response headers; `undefined`
 * when there is none. Reads, in order:
 * - `Retry-After`: delta seconds or an HTTP date (RFC 9110 §10.2.3);
 * - `x-rate-limit-reset` when `x-rate-limit-remaining` is 0 or absent, and the X 24-hour caps
 *   `x-user-limit-24hour-reset` / `x-app-limit-24hour-reset`: Unix epoch seconds;
 * - `RateLimit-Reset` / `X-RateLimit-Reset` (delta seconds, or epoch seconds when larger than a year);
 * - Meta's `X-Business-Use-Case-Usage` / `X-App-Usage` `estimated_time_to_regain_access` (minutes).
 * The result is never negative.
 */
export function parseRetryAfter(
  headers: HeaderSource,
  now: number = Date.now(),
): number | undefined {
  const retryAfter = header(headers, 'retry-after')
  if (retryAfter !== undefined) {
    const delta = seconds(retryAfter)
    if (delta !== undefined) return Math.ceil(delta * 1000)
    const date = Date.parse(retryAfter)
    if (!Number.isNaN(date)) return Math.max(0, date - now)
  }

  const candidates: number[] = []
  const epochReset = (limitPrefix: string) => {
    const remaining = header(headers, `${limitPrefix}-remaining`)
    const reset = seconds(header(headers, `${limitPrefix}-reset`))
    if (reset !== undefined && (remaining === undefined || Number(remaining) <= 0)) {
      candidates.push(untilEpochSecond(reset, now))
    }
  }
  epochReset('x-rate-limit')
  epochReset('x-user-limit-24hour')
  epochReset('x-app-limit-24hour')

  for (const name of ['ratelimit-reset', 'x-ratelimit-reset']) {
    const reset = seconds(header(headers, name))
    if (reset === undefined) continue
    // Some APIs send a delta, some an epoch; an epoch is far larger than any sane delta.
    candidates.push(reset > 31_536_000 ? untilEpochSecond(reset, now) : reset * 1000)
  }

  for (const name of ['x-business-use-case-usage', 'x-app-usage', 'x-page-usage']) {
    const minutes = regainMinutes(header(headers, name))
    if (minutes !== undefined) candidates.push(minutes * 60_000)
  }

  return candidates.length ? Math.ceil(Math.max(...candidates)) : undefined
}

/** The largest `estimated_time_to_regain_access` (minutes) in a Meta usage header, if any is > 0. */
function regainMinutes(value: string | undefined): number | undefined {
  if (!value) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    return undefined
  }
  let max: number | undefined
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'estimated_time_to_regain_access' && typeof child === 'number' && child > 0) {
          max = Math.max(max ?? 0, child)
        } else visit(child)
      }
    }
  }
  visit(parsed)
  return max
}

/**
 * The wait until an epoch-second reset, rounded up to whole seconds: the header is only as precise
 * as a second, and a wait computed a millisecond after the platform wrote it must not come out a
 * millisecond short (6,999 ms for "7 s") and send a request before the window opens.
 */
function untilEpochSecond(resetSeconds: number, now: number): number {
  return Math.max(0, Math.ceil((resetSeconds * 1000 - now) / 1000) * 1000)
}
