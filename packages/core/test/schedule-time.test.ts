import { describe, expect, it } from 'vitest'
import {
  isTimeZone,
  nextFreeSlot,
  nextOccurrence,
  nextSlotInstants,
  zonedTimeToInstant,
} from '../src/index.js'

// Europe/Berlin in 2026: clocks go 02:00 → 03:00 on Sunday 29 March (CET +1 → CEST +2) and
// 03:00 → 02:00 on Sunday 25 October (CEST +2 → CET +1).
const BERLIN = 'Europe/Berlin'
const at = (iso: string) => new Date(iso)

describe('zonedTimeToInstant', () => {
  it('maps 09:00 Berlin to the right UTC instant either side of both transitions', () => {
    expect(
      zonedTimeToInstant({ year: 2026, month: 3, day: 28, hour: 9, minute: 0 }, BERLIN),
    ).toEqual(at('2026-03-28T08:00:00Z'))
    // The day after the spring change: 09:00 is now 07:00 UTC, not 08:00.
    expect(
      zonedTimeToInstant({ year: 2026, month: 3, day: 30, hour: 9, minute: 0 }, BERLIN),
    ).toEqual(at('2026-03-30T07:00:00Z'))
    expect(
      zonedTimeToInstant({ year: 2026, month: 10, day: 24, hour: 9, minute: 0 }, BERLIN),
    ).toEqual(at('2026-10-24T07:00:00Z'))
    // The day after the autumn change: back to 08:00 UTC.
    expect(
      zonedTimeToInstant({ year: 2026, month: 10, day: 26, hour: 9, minute: 0 }, BERLIN),
    ).toEqual(at('2026-10-26T08:00:00Z'))
  })

  it('moves a time in the skipped hour to the next valid minute', () => {
    expect(
      zonedTimeToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, BERLIN),
    ).toEqual(at('2026-03-29T01:00:00Z'))
    expect(
      zonedTimeToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 0 }, BERLIN),
    ).toEqual(at('2026-03-29T01:00:00Z'))
    expect(
      zonedTimeToInstant({ year: 2026, month: 3, day: 29, hour: 3, minute: 0 }, BERLIN),
    ).toEqual(at('2026-03-29T01:00:00Z'))
  })

  it('takes the first occurrence of a time in the repeated hour', () => {
    expect(
      zonedTimeToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, BERLIN),
    ).toEqual(at('2026-10-25T00:30:00Z'))
  })

  it('says what is wrong with an impossible date or zone', () => {
    expect(() =>
      zonedTimeToInstant({ year: 2026, month: 2, day: 30, hour: 9, minute: 0 }, BERLIN),
    ).toThrow(/not a date/)
    expect(() =>
      zonedTimeToInstant({ year: 2026, month: 2, day: 3, hour: 9, minute: 0 }, 'Mars/Olympus'),
    ).toThrow(RangeError)
  })
})

describe('weekly slots across DST', () => {
  const sunday0230 = [{ weekday: 7, time: '02:30' }]

  it('fires a Sunday 02:30 slot at 03:00 on the spring-forward night, at 02:30 after', () => {
    expect(nextSlotInstants(sunday0230, BERLIN, at('2026-03-22T12:00:00Z'), 3)).toEqual([
      at('2026-03-29T01:00:00Z'),
      at('2026-04-05T00:30:00Z'),
      at('2026-04-12T00:30:00Z'),
    ])
  })

  it('fires a Sunday 02:30 slot once on the fall-back night', () => {
    expect(nextSlotInstants(sunday0230, BERLIN, at('2026-10-20T00:00:00Z'), 2)).toEqual([
      at('2026-10-25T00:30:00Z'),
      at('2026-11-01T01:30:00Z'),
    ])
  })

  it('keeps "Mon, Wed 09:00 Berlin" at 09:00 local through the spring change', () => {
    const slots = [
      { weekday: 1, time: '09:00' },
      { weekday: 3, time: '09:00' },
    ]
    expect(nextSlotInstants(slots, BERLIN, at('2026-03-22T00:00:00Z'), 4)).toEqual([
      at('2026-03-23T08:00:00Z'),
      at('2026-03-25T08:00:00Z'),
      at('2026-03-30T07:00:00Z'),
      at('2026-04-01T07:00:00Z'),
    ])
  })

  it('queues into the next slot no post occupies', () => {
    const slots = [{ weekday: 1, time: '09:00' }]
    expect(
      nextFreeSlot(slots, BERLIN, at('2026-03-22T00:00:00Z'), [at('2026-03-23T08:00:00Z')]),
    ).toEqual(at('2026-03-30T07:00:00Z'))
  })

  it('rejects a slot it cannot read', () => {
    expect(() => nextSlotInstants([{ weekday: 8, time: '09:00' }], BERLIN, new Date(), 1)).toThrow(
      /weekday/,
    )
    expect(() => nextSlotInstants([{ weekday: 1, time: '9am' }], BERLIN, new Date(), 1)).toThrow(
      /HH:MM/,
    )
  })
})

describe('recurring posts', () => {
  it('repeats weekly at the local time, across the autumn change, until its end', () => {
    const rule = {
      weekdays: [6],
      time: '09:00',
      timeZone: BERLIN,
      startsAt: at('2026-10-01T00:00:00Z'),
      until: at('2026-11-01T00:00:00Z'),
    }
    const first = nextOccurrence(rule, at('2026-09-01T00:00:00Z'))!
    expect(first).toEqual(at('2026-10-03T07:00:00Z'))
    expect(nextOccurrence(rule, at('2026-10-24T07:00:00Z'))).toEqual(at('2026-10-31T08:00:00Z'))
    expect(nextOccurrence(rule, at('2026-10-31T08:00:00Z'))).toBeNull()
  })
})

describe('isTimeZone', () => {
  it('knows IANA zones and refuses what is not one', () => {
    expect(isTimeZone('Europe/Prague')).toBe(true)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
    expect(isTimeZone('')).toBe(false)
  })
})
