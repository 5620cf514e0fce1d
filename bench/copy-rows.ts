/**
 * What the seeding benches share: a seeded random generator and COPY from generated lines (never
 * row by row).
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

/** The simulators' seeded generator (mulberry32): every run seeds the same data. */
export { seededRandom as random } from '../packages/testkit/src/simulator.js'

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
