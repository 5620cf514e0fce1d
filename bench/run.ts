import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BENCHES } from './benches.js'
import type { BenchResult } from './lib.js'
import { describeMachine, machineSummary } from './machine.js'

function table(results: (BenchResult & { bench?: string })[]): string {
  const rows = [
    ['figure', 'value', 'unit', 'baseline', 'ratio'],
    ...results.map((r) => [
      r.bench ? `${r.bench}: ${r.name}` : r.name,
      String(r.value),
      r.unit,
      String(r.baseline ?? ''),
      String(r.ratio ?? ''),
    ]),
  ]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)))
  return rows
    .map((row, index) => {
      const line = row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  ')
      return index === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line
    })
    .join('\n')
}

async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick')
  const asked = argv.filter((arg) => !arg.startsWith('--'))
  // No name: every bench, one after the other (never at once: they would measure each other).
  const names = asked.length === 0 ? Object.keys(BENCHES) : asked
  if (names.some((name) => !BENCHES[name])) {
    console.error(
      `usage: pnpm bench [${Object.keys(BENCHES).join('|')}] [--quick]\n` +
        Object.values(BENCHES)
          .map((bench) => `  ${bench.name}: ${bench.description}`)
          .join('\n'),
    )
    return 2
  }
  const here = dirname(fileURLToPath(import.meta.url))
  const resultsDir = join(here, 'results')
  await mkdir(resultsDir, { recursive: true })
  const machine = await machineSummary()
  console.log(`machine: ${describeMachine(machine)}`)
  const all: (BenchResult & { bench: string })[] = []
  for (const name of names) {
    const bench = BENCHES[name]!
    const started = Date.now()
    console.log(`bench ${name}${quick ? ' (quick)' : ''}: ${bench.description}`)
    const results = await bench.run({ quick, log: (line) => console.log(`  ${line}`) })
    console.log(`\n${table(results)}\n`)
    const file = join(resultsDir, `${name}${quick ? '-quick' : ''}.json`)
    await writeFile(
      file,
      `${JSON.stringify({ bench: name, quick, at: new Date().toISOString(), durationMs: Date.now() - started, machine, results }, null, 2)}\n`,
    )
    console.log(`written to ${file}`)
    all.push(...results.map((r) => ({ ...r, bench: name })))
  }
  if (names.length > 1) {
    console.log(
      `\nall benches${quick ? ' (quick)' : ''} on ${describeMachine(machine)}\n\n${table(all)}\n`,
    )
  }
  return 0
}

// Exit explicitly: a bench's last connections (a closed worker's Redis client) must not hold the
// process open or fail it after the figures are written.
process.exit(await main(process.argv.slice(2)))
