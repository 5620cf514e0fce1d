import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The built package, used the way a standalone user would, from a directory outside the repo.
// Needs `pnpm --filter @statex/linkedin run build` first (Turborepo runs it before `test`).
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')
let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'statex-linkedin-standalone-'))
  mkdirSync(join(dir, 'node_modules', '@statex'), { recursive: true })
  symlinkSync(root, join(dir, 'node_modules', '@statex', 'linkedin'), 'dir')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const node = (args: string[]) =>
  execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout: 15_000 }).trim()

describe('the built package', () => {
  it('exists (run the build first)', () => {
    expect(
      existsSync(join(dist, 'index.cjs')),
      `no ${dist}/index.cjs: run pnpm --filter @statex/linkedin run build`,
    ).toBe(true)
  })

  it('loads with require() from the absolute path of dist/index.cjs', () => {
    const out = node([
      '-e',
      `const m = require(${JSON.stringify(join(dist, 'index.cjs'))}); console.log(typeof m.linkedin, m.linkedin().platform)`,
    ])
    expect(out).toBe('function linkedin')
  })

  it('loads with an ESM import, by path and by package name through its exports', () => {
    const byPath = pathToFileURL(join(dist, 'index.js')).href
    const script = `
      const a = await import(${JSON.stringify(byPath)});
      const b = await import('@statex/linkedin');
      const t = await import('@statex/linkedin/testing');
      console.log(typeof a.linkedin, typeof b.linkedin, typeof t.createLinkedInSimulator);
    `
    expect(node(['--input-type=module', '-e', script])).toBe('function function function')
  })

  it('runs a publish against the built simulator', () => {
    const script = `
      const { linkedin } = require('@statex/linkedin');
      const { createLinkedInSimulator } = require('@statex/linkedin/testing');
      (async () => {
        const sim = await createLinkedInSimulator();
        const account = sim.createAccount({ name: 'Standalone' });
        const result = await linkedin({ baseUrl: sim.baseUrl }).publish({ account, post: { text: 'hi' }, idempotencyKey: 'k' });
        console.log(result.status, sim.countPosts(account));
        await sim.close();
      })();
    `
    expect(node(['-e', script])).toBe('published 1')
  })
})
