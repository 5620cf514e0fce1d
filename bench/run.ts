import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BENCHES } from './benches.js'
import type { BenchResult } from './lib.js'

function table(results: BenchResult[]): string {
  const rows = [
    ['figure', 'value', 'unit', 'baseline', 'ratio'],
    ...results.map((r) => [
      r.name,
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
  const names = argv.filter((arg) => !arg.startsWith('--'))
  if (names.length === 0 || names.some((name) => !BENCHES[name])) {
    console.error(
      `usage: pnpm bench <${Object.keys(BENCHES).join('|')}> [--quick]\n` +
        Object.values(BENCHES)
          .map((bench) => `  ${bench.name}: ${bench.description}`)
          .join('\n'),
    )
    return 2
  }
  const here = dirname(fileURLToPath(import.meta.url))
  const resultsDir = join(here, 'results')
  await mkdir(resultsDir, { recursive: true })
  for (const name of names) {
    const bench = BENCHES[name]!
    const started = Date.now()
    console.log(`bench ${name}${quick ? ' (quick)' : ''}: ${bench.description}`)
    const results = await bench.run({ quick, log: (line) => console.log(`  ${line}`) })
    console.log(`\n${table(results)}\n`)
    const file = join(resultsDir, `${name}${quick ? '-quick' : ''}.json`)
    await writeFile(
      file,
      `${JSON.stringify({ bench: name, quick, at: new Date().toISOString(), durationMs: Date.now() - started, results }, null, 2)}\n`,
    )
    console.log(`written to ${file}`)
  }
  return 0
}

// Exit explicitly: a bench's last connections (a closed worker's Redis client) must not hold the
// process open or fail it after the figures are written.
process.exit(await main(process.argv.slice(2)))
