import { toLocal, zonedTimeToInstant } from '@statex/core'
import { userTimeZone } from './time'

/** The value of an `<input type="datetime-local">` for an instant, in `timeZone`. */
export function toLocalInput(instant: Date, timeZone = userTimeZone()): string {
  const l = toLocal(instant, timeZone)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${l.year}-${p(l.month)}-${p(l.day)}T${p(l.hour)}:${p(l.minute)}`
}

/** A `datetime-local` value read as a wall-clock time in `timeZone` (DST gaps move forward, as core does). */
export function fromLocalInput(value: string, timeZone = userTimeZone()): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value)
  if (!match) return null
  const [year, month, day, hour, minute, second = 0] = match
    .slice(1)
    .filter((part) => part !== undefined)
    .map(Number) as [number, number, number, number, number, number?]
  try {
    const instant = zonedTimeToInstant({ year, month, day, hour, minute }, timeZone)
    return new Date(instant.getTime() + second * 1000)
  } catch {
    // Not a calendar date (31 February).
    return null
  }
}
