// `pnpm bench <suite> [--quick]`. Suites are files beside this one exporting `run({ quick })`.
const [suite, ...flags] = process.argv.slice(2)
const suites: Record<string, () => Promise<{ run(options: { quick: boolean }): Promise<void> }>> = {
  api: () => import('./api.js'),
}
if (!suite || !suites[suite]) {
  console.error(`usage: pnpm bench <${Object.keys(suites).join('|')}> [--quick]`)
  process.exit(2)
}
const { run } = await suites[suite]()
await run({ quick: flags.includes('--quick') })
process.exit(0)
