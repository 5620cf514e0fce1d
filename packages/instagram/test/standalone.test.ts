import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const pkg = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(pkg, 'dist')
const newest = (dir: string): number =>
  Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  )

let outside: string
beforeAll(() => {
  // Never builds here (a rebuild cleans dist/ while other tests may load it): Turborepo builds first.
  if (
    !existsSync(join(dist, 'index.cjs')) ||
    statSync(join(dist, 'index.cjs')).mtimeMs < newest(join(pkg, 'src'))
  )
    throw new Error(
      'dist/ is missing or older than src/: run pnpm --filter @statex/instagram run build first',
    )
  outside = mkdtempSync(join(tmpdir(), 'statex-instagram-'))
  mkdirSync(join(outside, 'node_modules', '@statex'), { recursive: true })
  symlinkSync(pkg, join(outside, 'node_modules', '@statex', 'instagram'), 'dir')
})
afterAll(() => rmSync(outside, { recursive: true, force: true }))

describe('the built package', () => {
  it('loads with require() by name, main and testing entries', () => {
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        `const f = require('@statex/instagram'); const t = require('@statex/instagram/testing'); const p = f.instagram(); console.log(p.platform, typeof p.publish, typeof t.createInstagramSimulator)`,
      ],
      { cwd: outside, encoding: 'utf8' },
    )
    expect(out.trim()).toBe('instagram function function')
  })

  it('imports as ESM from outside the repository and publishes to its simulator', () => {
    writeFileSync(
      join(outside, 'smoke.mjs'),
      `import { instagram } from '@statex/instagram'
import { createInstagramSimulator } from '@statex/instagram/testing'
const sim = await createInstagramSimulator()
const account = sim.createAccount({ name: 'Standalone' })
const result = await instagram({ baseUrl: sim.baseUrl }).publish({ account, idempotencyKey: 'smoke', post: { text: 'Hello', media: [{ url: 'https://example.com/a.jpg', type: 'image' }] } })
console.log(result.status, typeof result.externalId, sim.countPosts(account))
await sim.close()
`,
    )
    expect(
      execFileSync(process.execPath, ['smoke.mjs'], { cwd: outside, encoding: 'utf8' }).trim(),
    ).toBe('published string 1')
  })
})
