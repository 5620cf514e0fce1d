/** One figure. `baseline` is what it is compared with in the same run (e.g. raw BullMQ). */
export interface BenchResult {
  name: string
  value: number
  unit: string
  baseline: number | null
  ratio: number | null
}

export interface BenchContext {
  /** Small N, under a minute. */
  quick: boolean
  log(line: string): void
}

/** A bench is one file, bench/<name>.ts, registered with one line in benches.ts. */
export interface Bench {
  name: string
  description: string
  run(context: BenchContext): Promise<BenchResult[]>
}

export function result(
  name: string,
  value: number,
  unit: string,
  baseline: number | null = null,
): BenchResult {
  const round = (n: number) => Math.round(n * 1000) / 1000
  return {
    name,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline ? round(value / baseline) : null,
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** `once` run `times` times one after the other; each run's milliseconds, sorted. */
export async function timed(times: number, once: () => Promise<void>): Promise<number[]> {
  const latencies: number[] = []
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    await once()
    latencies.push(performance.now() - started)
  }
  return latencies.sort((a, b) => a - b)
}
