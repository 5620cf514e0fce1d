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
      'dist/ is missing or older than src/: run pnpm --filter @statex/facebook run build first',
    )
  outside = mkdtempSync(join(tmpdir(), 'statex-facebook-'))
  mkdirSync(join(outside, 'node_modules', '@statex'), { recursive: true })
  symlinkSync(pkg, join(outside, 'node_modules', '@statex', 'facebook'), 'dir')
})
afterAll(() => rmSync(outside, { recursive: true, force: true }))

describe('the built package', () => {
  it('loads with require() by name, main and testing entries', () => {
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        `const f = require('@statex/facebook'); const t = require('@statex/facebook/testing'); const p = f.facebook(); console.log(p.platform, typeof p.publish, typeof t.createFacebookSimulator)`,
      ],
      { cwd: outside, encoding: 'utf8' },
    )
    expect(out.trim()).toBe('facebook function function')
  })

  it('imports as ESM from outside the repository and publishes to its simulator', () => {
    writeFileSync(
      join(outside, 'smoke.mjs'),
      `import { facebook } from '@statex/facebook'
import { createFacebookSimulator } from '@statex/facebook/testing'
const sim = await createFacebookSimulator()
const account = sim.createAccount({ name: 'Standalone' })
const result = await facebook({ baseUrl: sim.baseUrl }).publish({ account, idempotencyKey: 'smoke', post: { text: 'Hello' } })
console.log(result.status, result.externalId.startsWith(account.externalAccountId + '_'), sim.countPosts(account))
await sim.close()
`,
    )
    expect(
      execFileSync(process.execPath, ['smoke.mjs'], { cwd: outside, encoding: 'utf8' }).trim(),
    ).toBe('published true 1')
  })
})
