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
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const newest = (dir: string): number =>
  Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  )

/**
 * A directory outside the repository where the built package resolves by name, as after
 * `npm install`, for checking that `require()` and `import` of it work standalone. Call at the top
 * of a test file. It never builds: a rebuild cleans dist/ while other tests may be loading it, so
 * it fails with what to run when dist/ is missing or older than src/.
 */
export function standalonePackage(input: { dir: string; name: string }) {
  let outside = ''
  beforeAll(() => {
    const built = join(input.dir, 'dist', 'index.cjs')
    if (!existsSync(built) || statSync(built).mtimeMs < newest(join(input.dir, 'src')))
      throw new Error(
        `dist/ is missing or older than src/: run pnpm --filter ${input.name} run build first`,
      )
    outside = mkdtempSync(join(tmpdir(), 'statex-standalone-'))
    const scope = join(outside, 'node_modules', ...input.name.split('/').slice(0, -1))
    mkdirSync(scope, { recursive: true })
    symlinkSync(input.dir, join(outside, 'node_modules', input.name), 'dir')
  })
  afterAll(() => {
    if (outside) rmSync(outside, { recursive: true, force: true })
  })
  return {
    /** The package's dist/ directory, for loading the build by absolute path. */
    dist: join(input.dir, 'dist'),
    /** Runs CommonJS code with `node -e` there; returns its trimmed output. */
    require: (code: string) =>
      execFileSync(process.execPath, ['-e', code], { cwd: outside, encoding: 'utf8' }).trim(),
    /** Runs an ES module there; returns its trimmed output. */
    import(code: string) {
      const file = join(outside, `smoke-${Date.now()}.mjs`)
      writeFileSync(file, code)
      return execFileSync(process.execPath, [file], { cwd: outside, encoding: 'utf8' }).trim()
    },
  }
}

/**
 * The standalone checks every adapter whose publish needs nothing but text shares: the build loads
 * with `require()` and `import` by path and by name (main and testing entries), and a publish of
 * `{ text: 'hi' }` against the built simulator lands one post. `factory` is the exported adapter
 * factory (`telegram`), `simulator` the exported simulator factory (`createTelegramSimulator`).
 */
export function runStandaloneSuite(input: {
  dir: string
  name: string
  factory: string
  simulator: string
}) {
  const pkg = standalonePackage(input)
  const { name, factory, simulator } = input
  const platform = name.split('/').pop()
  describe('the built package', () => {
    it('loads with require() from the absolute path of dist/index.cjs', () => {
      const main = JSON.stringify(join(pkg.dist, 'index.cjs'))
      expect(
        pkg.require(
          `const m = require(${main}); console.log(typeof m.${factory}, m.${factory}().platform)`,
        ),
      ).toBe(`function ${platform}`)
    })

    it('loads with an ESM import, by path and by package name through its exports', () => {
      const byPath = JSON.stringify(pathToFileURL(join(pkg.dist, 'index.js')).href)
      expect(
        pkg.import(`const a = await import(${byPath});
const b = await import('${name}');
const t = await import('${name}/testing');
console.log(typeof a.${factory}, typeof b.${factory}, typeof t.${simulator});
`),
      ).toBe('function function function')
    })

    it('runs a publish against the built simulator', () => {
      expect(
        pkg.require(`const { ${factory} } = require('${name}');
const { ${simulator} } = require('${name}/testing');
(async () => {
  const sim = await ${simulator}();
  const account = sim.createAccount({ name: 'Standalone' });
  const result = await ${factory}({ baseUrl: sim.baseUrl }).publish({ account, post: { text: 'hi' }, idempotencyKey: 'k' });
  console.log(result.status, sim.countPosts(account));
  await sim.close();
})();
`),
      ).toBe('published 1')
    })
  })
}
