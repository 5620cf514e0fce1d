import { definePackageConfig } from '@statex/vitest-config'

// The chaos suite: real worker processes killed at random. Separate from `test` (it needs
// dist/ built and takes minutes); `pnpm test:chaos` at the root runs it after a build.
export default definePackageConfig({
  test: {
    include: ['chaos/**/*.chaos.test.ts'],
    testTimeout: 440_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})
