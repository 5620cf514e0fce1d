import { fileURLToPath } from 'node:url'
import type { TestDatabase } from '@statex/db/testing'
import { REDIS_URL } from '@statex/jobs/testing'
import { startService, type Service } from './processes'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

/** A built app's entry point (`pnpm build` makes it): apps/<app>/dist/main.js. */
export const builtMain = (app: 'api' | 'worker' | 'sandbox') => `${ROOT}apps/${app}/dist/main.js`

/**
 * What every built app of one run shares: the run's own database (with its encryption keys) and
 * Redis prefix. With STATEX_SANDBOX_URL and no platform secrets, the sandbox and the apps agree
 * on the public sandbox defaults (@statex/providers' SANDBOX_SECRETS).
 */
export function sharedEnv(options: {
  database: TestDatabase
  queuePrefix: string
  sandboxUrl: string
}): Record<string, string> {
  const keys = Object.entries(options.database.keyring.keys)
    .map(([id, key]) => `${id}:${Buffer.from(key).toString('base64')}`)
    .join(',')
  return {
    NODE_ENV: 'production',
    DATABASE_URL: options.database.databaseUrl,
    REDIS_URL,
    STATEX_ENCRYPTION_KEYS: keys,
    QUEUE_PREFIX: options.queuePrefix,
    STATEX_SANDBOX_URL: options.sandboxUrl,
    LOG_LEVEL: 'warn',
  }
}

/**
 * The built REST API as a child process on 127.0.0.1:`port`, ready once /health answers. It
 * verifies the dashboard's session tokens with `nextauthSecret` and believes the dashboard's
 * X-Forwarded-For (it runs on 127.0.0.1); `env` adds the caller's own settings.
 */
export function startApi(options: {
  shared: Record<string, string>
  port: number
  nextauthSecret: string
  env?: Record<string, string>
}): Promise<Service> {
  const apiUrl = `http://127.0.0.1:${options.port}`
  return startService({
    name: 'api',
    args: [builtMain('api')],
    env: {
      ...options.shared,
      HOST: '127.0.0.1',
      PORT: String(options.port),
      NEXTAUTH_SECRET: options.nextauthSecret,
      TRUSTED_PROXIES: '127.0.0.1',
      ...options.env,
    },
    ready: `${apiUrl}/health`,
  })
}
