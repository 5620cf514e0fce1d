// First-load JavaScript per route, from the production build's own account
// (.next/diagnostics/route-bundle-stats.json, written by `next build`): the chunks a browser loads
// before a route is interactive, uncompressed and gzipped (level 9, as a CDN would serve them).
// Usage: pnpm --filter @statex/web run build && pnpm --filter @statex/web run size
import { readFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'

const APP = new URL('../', import.meta.url)
const stats = JSON.parse(
  await readFile(new URL('.next/diagnostics/route-bundle-stats.json', APP), 'utf8'),
)
const gzipped = new Map()
async function gzipSize(path) {
  if (!gzipped.has(path)) {
    const bytes = await readFile(new URL(path, APP))
    gzipped.set(path, gzipSync(bytes, { level: 9 }).length)
  }
  return gzipped.get(path)
}

const kB = (n) => `${(n / 1024).toFixed(1)} kB`
const rows = []
for (const { route, firstLoadUncompressedJsBytes, firstLoadChunkPaths } of stats) {
  let gzip = 0
  for (const path of firstLoadChunkPaths) gzip += await gzipSize(path)
  rows.push({ route, raw: firstLoadUncompressedJsBytes, gzip })
}
rows.sort((a, b) => a.route.localeCompare(b.route))
console.log('route'.padEnd(14), 'first-load JS'.padStart(14), 'gzipped'.padStart(10))
for (const r of rows)
  console.log(r.route.padEnd(14), kB(r.raw).padStart(14), kB(r.gzip).padStart(10))
