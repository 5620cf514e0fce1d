import { definePackageConfig } from '@statex/vitest-config'

// The browser test starts `next start` and Chromium once for the whole file; 60 s covers a cold start on a busy 2-core machine.
export default definePackageConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } })
