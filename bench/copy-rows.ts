/**
 * What the seeding benches share: a seeded random generator (every run seeds the same data) and
 * COPY from generated lines (never row by row).
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

/** mulberry32: a small seeded generator, so every run seeds the same data. */
export function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One CSV field of `COPY … WITH (FORMAT csv)`. */
export const csv = (v: string | number | null) =>
  v === null ? '\\N' : typeof v === 'number' ? String(v) : `"${v.replaceAll('"', '""')}"`

/** Streams `rows` (whole lines) into `COPY … FROM STDIN`. */
export async function copy(client: pg.Client, sql: string, rows: Iterable<string>) {
  // Lines batched into ~64 KB chunks: one stream write per line would dominate the time.
  function* chunks() {
    let buffer = ''
    for (const row of rows) {
      buffer += row
      if (buffer.length > 65_536) {
        yield buffer
        buffer = ''
      }
    }
    if (buffer) yield buffer
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)))
}
