/**
 * Wall-clock times in a person's zone ⇄ UTC instants, for posting slots and recurring posts.
 * Posts are stored as UTC instants; the zone is kept beside them and used only here and for
 * display. Daylight-saving rules, the same everywhere:
 * - a local time that does not exist (the skipped hour in spring) moves to the next valid
 *   minute (02:30 on the spring-forward night → 03:00);
 * - a local time that exists twice (the repeated hour in autumn) is its first occurrence, once.
 * Uses the platform's IANA data through `Intl`; no dependency.
 */

/** A wall-clock time: `month` 1-12, `weekday` is not needed (derived). */
export interface LocalDateTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

/** A weekly slot: `weekday` 1 = Monday … 7 = Sunday (ISO), `time` "HH:MM" in the zone. */
export interface WeeklySlot {
  weekday: number
  time: string
}

/** A post repeating weekly on `weekdays` at `time` in `timeZone`, from `startsAt`, optionally `until`. */
export interface RecurrenceRule {
  weekdays: number[]
  time: string
  timeZone: string
  startsAt: Date
  until?: Date
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    })
    formatters.set(timeZone, format)
  }
  return format
}

/**
 * Whether this runtime knows `zone` as an IANA time zone (e.g. `Europe/Prague`). A known zone's
 * formatter is kept, so checking it again (every post's zone) costs a map lookup.
 */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone)
    return true
  } catch {
    return false
  }
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

/** The wall clock in `timeZone` at `instant`, with its ISO weekday. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime & { weekday: number } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  )
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday!]!,
  }
}

/** A wall-clock time as if it were UTC, in minutes: comparable across offsets. */
const wallMinutes = (t: LocalDateTime) =>
  Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute) / 60_000

/**
 * The instant a wall-clock time in `timeZone` names, with the rules above.
 * @throws RangeError for an unknown zone or an impossible date (Feb 30).
 */
export function zonedTimeToInstant(local: LocalDateTime, timeZone: string): Date {
  const wanted = wallMinutes(local)
  const check = new Date(wanted * 60_000)
  if (check.getUTCDate() !== local.day || check.getUTCMonth() !== local.month - 1)
    throw new RangeError(`${local.year}-${local.month}-${local.day} is not a date.`)
  const offsetAt = (ms: number) => wallMinutes(toLocal(new Date(ms), timeZone)) - ms / 60_000
  const guessMs = wanted * 60_000
  // The offsets in force half a day either side cover any single transition near the time.
  const candidates = [...new Set([offsetAt(guessMs - 43_200_000), offsetAt(guessMs + 43_200_000)])]
    .map((offset) => (wanted - offset) * 60_000)
    .filter((ms) => wallMinutes(toLocal(new Date(ms), timeZone)) === wanted)
    .sort((a, b) => a - b)
  if (candidates.length > 0) return new Date(candidates[0]!)
  // In the skipped hour: the first instant whose wall clock is at or past the wanted time.
  let low = guessMs - 43_200_000
  let high = guessMs + 43_200_000
  while (high - low > 60_000) {
    const mid = Math.floor((low + high) / 2 / 60_000) * 60_000
    if (wallMinutes(toLocal(new Date(mid), timeZone)) >= wanted) high = mid
    else low = mid
  }
  return new Date(high)
}

function parseTime(time: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time)
  if (!match) throw new RangeError(`"${time}" is not a time; use "HH:MM", e.g. "09:00".`)
  return { hour: Number(match[1]), minute: Number(match[2]) }
}

/** Adds whole days to a calendar date (no zone: pure calendar arithmetic). */
function addDays(date: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/**
 * The next `count` slot instants strictly after `after`, in order. A slot in a repeated hour
 * appears once; one in a skipped hour appears at the next valid minute.
 */
export function nextSlotInstants(
  slots: readonly WeeklySlot[],
  timeZone: string,
  after: Date,
  count: number,
): Date[] {
  if (slots.length === 0 || count <= 0) return []
  for (const slot of slots) {
    if (!Number.isInteger(slot.weekday) || slot.weekday < 1 || slot.weekday > 7)
      throw new RangeError(`weekday ${slot.weekday} is not 1 (Monday) … 7 (Sunday).`)
    parseTime(slot.time)
  }
  const start = toLocal(after, timeZone)
  const found = new Set<number>()
  // Weeks are enough: every slot occurs once a week, so `count` slots fit in count/slots+1 weeks.
  const days = 7 * (Math.ceil(count / slots.length) + 1)
  for (let offset = 0; offset <= days && found.size < count * 2; offset++) {
    const date = addDays(start, offset)
    const weekday =
      ((new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7) + 1
    for (const slot of slots) {
      if (slot.weekday !== weekday) continue
      const instant = zonedTimeToInstant({ ...date, ...parseTime(slot.time) }, timeZone)
      if (instant.getTime() > after.getTime()) found.add(instant.getTime())
    }
  }
  return [...found]
    .sort((a, b) => a - b)
    .slice(0, count)
    .map((ms) => new Date(ms))
}

/** The first slot after `after` that no already-scheduled post occupies (same instant). */
export function nextFreeSlot(
  slots: readonly WeeklySlot[],
  timeZone: string,
  after: Date,
  taken: readonly Date[],
): Date | null {
  const occupied = new Set(taken.map((date) => date.getTime()))
  // A year of weekly slots is a generous bound for a queue.
  for (const instant of nextSlotInstants(slots, timeZone, after, slots.length * 53))
    if (!occupied.has(instant.getTime())) return instant
  return null
}

/** The next occurrence of a recurring post strictly after `after`, or null past `until`. */
export function nextOccurrence(rule: RecurrenceRule, after: Date): Date | null {
  const from =
    after.getTime() < rule.startsAt.getTime() ? new Date(rule.startsAt.getTime() - 1) : after
  const [next] = nextSlotInstants(
    rule.weekdays.map((weekday) => ({ weekday, time: rule.time })),
    rule.timeZone,
    from,
    1,
  )
  if (!next || (rule.until && next.getTime() > rule.until.getTime())) return null
  return next
}
