import { fileURLToPath } from 'node:url'
import type { NextConfig } from 'next'

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The monorepo root holds the lockfile; telling Turbopack avoids guessing from several lockfiles.
  turbopack: { root: fileURLToPath(new URL('../..', import.meta.url)) },
  // @statex/db loads Prisma's client and the pg driver: Node resolves it at run time instead of the bundler.
  serverExternalPackages: ['@statex/db'],
}

export default config
