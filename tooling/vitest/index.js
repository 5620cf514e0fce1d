import { defineConfig, mergeConfig } from 'vitest/config'

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
