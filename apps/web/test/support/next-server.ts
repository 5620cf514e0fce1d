import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { freePort, startService, type Service } from './processes'

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url))

export interface RunningApp extends Service {
  baseUrl: string
}

/**
 * Starts the production build with `next start` on a free port (or `port`). The build is turbo's
 * job (`test` depends on `build`); running without one fails loudly instead of building here.
 */
export async function startApp(
  envFor: (baseUrl: string) => Record<string, string>,
  port?: number,
): Promise<RunningApp> {
  if (!existsSync(`${APP_DIR}/.next/BUILD_ID`)) {
    throw new Error(
      'apps/web has no production build (.next/BUILD_ID). Run `pnpm --filter @statex/web run build` first; turbo runs it before `test`.',
    )
  }
  const listen = port ?? (await freePort())
  const baseUrl = `http://127.0.0.1:${listen}`
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
  const service = await startService({
    name: 'next start',
    args: [nextBin, 'start', '-p', String(listen), '-H', '127.0.0.1'],
    cwd: APP_DIR,
    env: { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...envFor(baseUrl) },
    ready: /Ready in/,
  })
  return { ...service, baseUrl }
}
