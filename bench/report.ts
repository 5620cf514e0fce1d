import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** One figure of a benchmark run, beside the baseline measured in the same run. */
export interface BenchEntry {
  name: string
  value: number
  unit: string
  /** The same figure for the baseline (hello-world Fastify), or null when there is none. */
  baseline: number | null
  /** value / baseline, or null. */
  ratio: number | null
}

const round = (n: number) => Math.round(n * 100) / 100

export function entry(
  name: string,
  value: number,
  unit: string,
  baseline: number | null,
): BenchEntry {
  return {
    name,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline ? round(value / baseline) : null,
  }
}

/** Prints the table and writes `bench/results/<suite>-<timestamp>.json`; returns the file path. */
export async function report(
  suite: string,
  entries: BenchEntry[],
  meta: Record<string, unknown>,
): Promise<string> {
  console.table(entries.map((e) => ({ ...e })))
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results')
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, `${suite}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
  await writeFile(
    file,
    `${JSON.stringify({ suite, at: new Date().toISOString(), ...meta, entries }, null, 2)}\n`,
  )
  console.log(`wrote ${path.relative(process.cwd(), file)}`)
  return file
}
