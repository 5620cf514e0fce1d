import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runStandaloneSuite } from '@statex/testkit'

// The built package, used the way a standalone user would, from a directory outside the repo.
runStandaloneSuite({
  dir: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  name: '@statex/linkedin',
  factory: 'linkedin',
  simulator: 'createLinkedInSimulator',
})
