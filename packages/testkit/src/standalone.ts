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
import { afterAll, beforeAll } from 'vitest'

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
