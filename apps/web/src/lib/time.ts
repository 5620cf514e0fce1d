/** The person's own zone, from the browser; the server renders nothing time-dependent. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** Whether this runtime knows `zone` as an IANA time zone: core's check, the API's too. */
export { isTimeZone } from '@statex/core'

const formats = new Map<string, Intl.DateTimeFormat>()
function format(timeZone: string, style: 'full' | 'time'): Intl.DateTimeFormat {
  const key = `${timeZone}|${style}`
  let f = formats.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, {
      timeZone,
      ...(style === 'full'
        ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }
        : {}),
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    })
    formats.set(key, f)
  }
  return f
}

/** "Wed, 2 Dec 2026, 09:30 CET" in the given zone. */
export function formatInstant(iso: string | Date, timeZone = userTimeZone()): string {
  return format(timeZone, 'full').format(typeof iso === 'string' ? new Date(iso) : iso)
}
