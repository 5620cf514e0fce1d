import { spawn } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
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

const resultFile = (dir: string, name: string, quick: boolean) =>
  join(dir, `${name}${quick ? '-quick' : ''}.json`)

/**
 * Every bench in a process of its own, one after the other (never at once: they would measure
 * each other). A process each, because two benches in one process interfere: the second
 * database setup of Prisma's schema engine failed there, and a bench that dies must not leave
 * the next one its workers or connections. One table of everything at the end.
 */
async function runEach(
  names: string[],
  quick: boolean,
  resultsDir: string,
  machine: Awaited<ReturnType<typeof machineSummary>>,
): Promise<number> {
  const failed: string[] = []
  const all: (BenchResult & { bench: string })[] = []
  for (const name of names) {
    const code = await new Promise<number>((resolve) => {
      const child = spawn(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), name, ...(quick ? ['--quick'] : [])],
        { stdio: 'inherit' },
      )
      child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)))
    })
    if (code !== 0) {
      failed.push(name)
      continue
    }
    const written = JSON.parse(await readFile(resultFile(resultsDir, name, quick), 'utf8')) as {
      results: BenchResult[]
    }
    all.push(...written.results.map((r) => ({ ...r, bench: name })))
  }
  console.log(
    `\nall benches${quick ? ' (quick)' : ''} on ${describeMachine(machine)}\n\n${table(all)}\n`,
  )
  if (failed.length > 0) console.error(`failed: ${failed.join(', ')} (their output is above)`)
  return failed.length > 0 ? 1 : 0
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
  if (names.length > 1) return runEach(names, quick, resultsDir, machine)
  const name = names[0]!
  const bench = BENCHES[name]!
  const started = Date.now()
  console.log(`bench ${name}${quick ? ' (quick)' : ''}: ${bench.description}`)
  const results = await bench.run({ quick, log: (line) => console.log(`  ${line}`) })
  console.log(`\n${table(results)}\n`)
  const file = resultFile(resultsDir, name, quick)
  await writeFile(
    file,
    `${JSON.stringify({ bench: name, quick, at: new Date().toISOString(), durationMs: Date.now() - started, machine, results }, null, 2)}\n`,
  )
  console.log(`written to ${file}`)
  return 0
}

// Exit explicitly: a bench's last connections (a closed worker's Redis client) must not hold the
// process open or fail it after the figures are written.
process.exit(await main(process.argv.slice(2)))
