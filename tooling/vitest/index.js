import { defineConfig, mergeConfig } from 'vitest/config'

// Vitest 5's reporter calls Map.groupBy, which Node 20 lacks (Node 21+): without this, a failing
// test crashes the reporter instead of being reported. The config loads in the main process.
if (typeof Map.groupBy !== 'function') {
  Map.groupBy = function groupBy(items, keyOf) {
    const groups = new Map()
    let index = 0
    for (const item of items) {
      const key = keyOf(item, index++)
      const group = groups.get(key)
      if (group) group.push(item)
      else groups.set(key, [item])
    }
    return groups
  }
}

/**
 * The shared Vitest preset. Packages call `definePackageConfig()` and may pass overrides.
 * Test files run in parallel (forks); tests that need PostgreSQL or Redis isolate themselves
 * with a database/schema or key prefix of their own, so no file waits for another.
 */
export function definePackageConfig(overrides = {}) {
  const base = defineConfig({
    test: {
      include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
      pool: 'forks',
      testTimeout: 20_000,
      hookTimeout: 60_000,
      restoreMocks: true,
      unstubEnvs: true,
      reporters: process.env.CI ? ['dot'] : ['default'],
    },
  })
  return mergeConfig(base, defineConfig(overrides))
}
