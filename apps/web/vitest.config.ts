import { fileURLToPath } from 'node:url'
import { definePackageConfig } from '@statex/vitest-config'

// The e2e test starts the sandbox, the API, the worker, `next start` and Chromium once for the whole
// file; 60 s covers a cold start on a busy 2-core machine. `@/` is the app's own import alias.
export default definePackageConfig({
  // Next.js keeps JSX for its own compiler (tsconfig "jsx": "preserve"); tests compile it here.
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  // expect.poll waits 1 s by default: too little for a page on a busy shared machine.
  test: { testTimeout: 30_000, hookTimeout: 60_000, expect: { poll: { timeout: 10_000 } } },
})
