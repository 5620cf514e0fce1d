import { fileURLToPath } from 'node:url'
import type { NextConfig } from 'next'

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The monorepo root holds the lockfile; telling Turbopack avoids guessing from several lockfiles.
  turbopack: { root: fileURLToPath(new URL('../..', import.meta.url)) },
}

export default config
