#!/usr/bin/env node
// `statex-lint`: every package's `lint` script. ESLint, then Prettier's check, over the package
// directory, both skipping the repository's one list of generated files, so whatever a build, a
// start or a test left behind (or is writing right now) never fails a lint.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { IGNORE_FILE } from './ignores.js'

const require = createRequire(import.meta.url)
// The packages' own bin files: their exports maps do not expose them to require.resolve.
const bin = (pkg, name) => {
  const manifestPath = require.resolve(`${pkg}/package.json`)
  const manifest = require(manifestPath)
  return join(
    dirname(manifestPath),
    typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[name],
  )
}

const steps = [
  [bin('eslint', 'eslint'), ['.']],
  [
    bin('prettier', 'prettier'),
    ['--check', '.', '--ignore-path', IGNORE_FILE, '--log-level', 'warn'],
  ],
]
for (const [script, args] of steps) {
  const result = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
