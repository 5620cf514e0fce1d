/** Milliseconds to add to UTC to get wall-clock time in `timeZone` at `at`. */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  )
  return wall - Math.floor(at.getTime() / 1000) * 1000
}

/** The UTC instant of wall-clock `HH:MM` on a calendar day in `timeZone` (DST-aware). */
export function wallTimeToUtc(
  day: { y: number; m: number; d: number },
  time: string,
  timeZone: string,
): Date {
  const [h, min] = time.split(':').map(Number) as [number, number]
  const guess = Date.UTC(day.y, day.m - 1, day.d, h, min)
  const first = guess - zoneOffsetMs(new Date(guess), timeZone)
  // Re-evaluate the offset at the result: across a DST change the first guess is an hour off.
  return new Date(guess - zoneOffsetMs(new Date(first), timeZone))
}

export const SLOT_TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/**
 * The first posting slot after `after` not yet taken on any of the target accounts, looking
 * `days` ahead. Slots are daily wall-clock times in the workspace's zone.
 */
export function nextFreeSlot(input: {
  times: readonly string[]
  timeZone: string
  after: Date
  taken: readonly Date[]
  days?: number
}): Date | null {
  const times = [...input.times].filter((t) => SLOT_TIME.test(t)).sort()
  if (times.length === 0) return null
  const taken = new Set(input.taken.map((d) => d.getTime()))
  const start = new Date(input.after.getTime() + zoneOffsetMs(input.after, input.timeZone))
  for (let i = 0; i <= (input.days ?? 60); i += 1) {
    const day = new Date(
      Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + i),
    )
    const ymd = { y: day.getUTCFullYear(), m: day.getUTCMonth() + 1, d: day.getUTCDate() }
    for (const time of times) {
      const at = wallTimeToUtc(ymd, time, input.timeZone)
      if (at.getTime() > input.after.getTime() && !taken.has(at.getTime())) return at
    }
  }
  return null
}
