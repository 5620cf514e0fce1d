// Generated files never fail a lint, whatever ran before (a build, `npm start`, a test): every
// package's `lint` runs over a scratch copy of the repository into which every kind of file a
// build, a start or a test writes has been planted, badly formatted and failing ESLint's rules.
// A scratch copy rather than this checkout, because builds running beside this test write here.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, extname, join } from 'node:path'
import { after, before, test } from 'node:test'
import { PROJECT_ROOT } from '../ensure-services.mjs'

const git = (...args) =>
  spawnSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 })
    .stdout.split('\n')
    .filter(Boolean)

/** Workspace packages that have a lint script, as directories relative to the root. */
function lintedPackages() {
  return git('ls-files', '--', '*/package.json')
    .filter((file) => file.split('/').length === 3)
    .map((file) => dirname(file))
    .filter(
      (dir) =>
        JSON.parse(readFileSync(join(PROJECT_ROOT, dir, 'package.json'), 'utf8')).scripts?.lint,
    )
}

// Both Prettier (spacing) and ESLint (unused variable, `var`) would reject these if they looked.
const BAD = {
  '.ts': 'var   unused = 1 ;;\nexport const  x={a:1}\n',
  '.js': 'var   unused = 1 ;;\nexport const  x={a:1}\n',
  '.mjs': 'var   unused = 1 ;;\nexport const  x={a:1}\n',
  '.json': '{"a":1,   "b":[1,2,\n3]}\n',
  '.md': '#  Title\n*  one\n+  two\n',
  '.css': 'a{color:red;;}\n',
}
const badContent = (file) => BAD[extname(file)] ?? BAD['.ts']

/** What builds, `npm start` and tests write inside a package, by kind. */
const PLANTED_IN_EVERY_PACKAGE = [
  'dist/index.js',
  'dist/index.d.ts',
  'dist/chunk-abc.mjs',
  '.next/server/app/page.js',
  '.next/types/routes.d.ts',
  'next-env.d.ts',
  'src/generated/prisma/client.ts',
  'coverage/lcov-report/prettify.js',
  'coverage/coverage-final.json',
  'test/screenshots/tmp/compose.json',
  'test-results/results.json',
  '.turbo/turbo-build.json',
  'tsconfig.tsbuildinfo',
  'tsup.config.bundled_a1b2c3.mjs',
  'vitest.config.ts.timestamp-1764600000-abc.mjs',
]
const PLANTED_AT_ROOT = ['.statex/dev-state.json', 'bench/results/engine.json']

let scratch
let packages

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'statex-lint-'))
  packages = lintedPackages()
  // The working tree as it is (tracked and new files), without anything git ignores.
  for (const file of git('ls-files', '--cached', '--others', '--exclude-standard')) {
    const from = join(PROJECT_ROOT, file)
    if (!existsSync(from)) continue
    mkdirSync(dirname(join(scratch, file)), { recursive: true })
    cpSync(from, join(scratch, file))
  }
  // Installed dependencies are reused, not copied: pnpm's links resolve from their real place.
  for (const dir of ['.', ...packages, 'tooling/eslint']) {
    const modules = join(PROJECT_ROOT, dir, 'node_modules')
    if (existsSync(modules) && !existsSync(join(scratch, dir, 'node_modules')))
      symlinkSync(modules, join(scratch, dir, 'node_modules'))
  }
  const plant = (file) => {
    mkdirSync(dirname(join(scratch, file)), { recursive: true })
    writeFileSync(join(scratch, file), badContent(file))
  }
  for (const dir of packages) for (const file of PLANTED_IN_EVERY_PACKAGE) plant(join(dir, file))
  for (const file of PLANTED_AT_ROOT) plant(file)
  // And whatever this checkout's own builds and starts have left behind so far, by place.
  for (const entry of git(
    'ls-files',
    '--others',
    '--ignored',
    '--exclude-standard',
    '--directory',
  )) {
    if (entry.includes('node_modules')) continue
    plant(entry.endsWith('/') ? join(entry, 'planted.ts') : entry)
  }
})

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

function lint(dir) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'lint'], {
      cwd: join(scratch, dir),
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('close', (code) => resolve({ code, output }))
  })
}

/** Two at a time: the machine has two cores, and this runs beside the other suites. */
async function lintAll(dirs) {
  const results = {}
  const queue = [...dirs]
  await Promise.all(
    [1, 2].map(async () => {
      for (let dir = queue.shift(); dir; dir = queue.shift()) results[dir] = await lint(dir)
    }),
  )
  return results
}

test('every package lints with the one shared command', () => {
  for (const dir of packages) {
    const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, dir, 'package.json'), 'utf8'))
    assert.equal(
      scripts.lint,
      'statex-lint',
      `${dir}: lint must be "statex-lint" (the one ignore list)`,
    )
  }
})

// Every package runs the same statex-lint over the same ignore list (the test above), so linting
// the packages whose builds write the most kinds of generated files proves it for all of them:
// Next.js (next-env.d.ts, .next/), Prisma (src/generated/) and a tsup library (dist/). Linting all
// twenty took over ten minutes on a loaded two-core machine.
const SAMPLE = ['apps/web', 'packages/core', 'packages/db']

test('no package lints or format-checks a generated file', { timeout: 600_000 }, async () => {
  assert.ok(packages.length >= 10, `found only ${packages.length} packages`)
  const sample = packages.filter((dir) => SAMPLE.includes(dir))
  assert.deepEqual(sample, SAMPLE, 'a sampled package is missing')
  const results = await lintAll(sample)
  for (const [dir, { code, output }] of Object.entries(results))
    assert.equal(code, 0, `${dir}: lint failed over generated files:\n${output}`)
})

test(
  'a badly formatted source file still fails the lint (the check can fail)',
  { timeout: 120_000 },
  async () => {
    const dir = packages.find((d) => d === 'packages/core') ?? packages[0]
    writeFileSync(join(scratch, dir, 'src/not-generated.ts'), BAD['.ts'])
    const { code, output } = await lint(dir)
    rmSync(join(scratch, dir, 'src/not-generated.ts'))
    assert.notEqual(code, 0)
    assert.match(output, /not-generated\.ts/)
  },
)
