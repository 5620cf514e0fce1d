import { execFileSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  existsSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(pkg, 'dist')

function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
      entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs,
    ),
  )
}

let outside: string

beforeAll(() => {
  // Never builds here: a rebuild cleans dist/ while other packages' tests may be loading it.
  // Turborepo builds before `test`; run alone, build first.
  const built = existsSync(join(dist, 'index.cjs')) && existsSync(join(dist, 'testing.js'))
  if (!built)
    throw new Error(`no ${dist}/index.cjs: run pnpm --filter @statex/whatsapp run build first`)
  if (statSync(join(dist, 'index.cjs')).mtimeMs < newest(join(pkg, 'src'))) {
    throw new Error('dist/ is older than src/: run pnpm --filter @statex/whatsapp run build first')
  }
  outside = mkdtempSync(join(tmpdir(), 'statex-whatsapp-'))
  // What an install gives a standalone user: the package under node_modules, resolved by name.
  mkdirSync(join(outside, 'node_modules', '@statex'), { recursive: true })
  symlinkSync(pkg, join(outside, 'node_modules', '@statex', 'whatsapp'), 'dir')
})
afterAll(() => rmSync(outside, { recursive: true, force: true }))

describe('the built package', () => {
  it('loads with require() from dist/index.cjs', () => {
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        `const w = require(${JSON.stringify(join(dist, 'index.cjs'))}); const p = w.whatsapp(); console.log(p.platform, typeof p.publish, p.validate({ text: 'hi' }).length)`,
      ],
      { cwd: outside, encoding: 'utf8' },
    )
    expect(out.trim()).toBe('whatsapp function 1')
  })

  it('imports as ESM by package name from a directory outside the repository, and publishes to its simulator', () => {
    writeFileSync(
      join(outside, 'smoke.mjs'),
      `import { whatsapp } from '@statex/whatsapp'
import { createWhatsAppSimulator, SIMULATED_CUSTOMERS } from '@statex/whatsapp/testing'
const sim = await createWhatsAppSimulator()
const account = sim.createAccount({ name: 'Standalone' })
const provider = whatsapp({ baseUrl: sim.baseUrl })
const result = await provider.publish({ account, idempotencyKey: 'smoke', post: { text: 'Hello', options: { whatsapp: { recipients: [SIMULATED_CUSTOMERS[0].waId] } } } })
console.log(result.status, result.externalId.startsWith('wamid.'), sim.countPosts(account))
await sim.close()
`,
    )
    const out = execFileSync(process.execPath, ['smoke.mjs'], { cwd: outside, encoding: 'utf8' })
    expect(out.trim()).toBe('published true 1')
  })

  it('requires the testing entry as CommonJS too', () => {
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        `const t = require('@statex/whatsapp/testing'); console.log(typeof t.createWhatsAppSimulator)`,
      ],
      { cwd: outside, encoding: 'utf8' },
    )
    expect(out.trim()).toBe('function')
  })
})
