import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestDatabase, type TestDatabase } from '@statex/db/testing'
import { connectRedis, deletePrefix, uniquePrefix } from '@statex/jobs/testing'
import { builtMain, sharedEnv, startApi } from './built-api'
import { startApp, type RunningApp } from './next-server'
import { freePort, startService, type Service } from './processes'

export interface Stack {
  web: RunningApp
  apiUrl: string
  sandboxUrl: string
  database: TestDatabase
  nextauthSecret: string
  /** What every process printed, for a failure message. */
  output: () => string
  stop: () => Promise<void>
}

/**
 * The whole product as a person meets it: the sandbox's platform simulators, the API, the worker
 * and the dashboard, each the built app as a child process on a free port, on a PostgreSQL
 * database and a Redis prefix of this run's own. `webEnv` adds to the dashboard's environment
 * (the e2e's OIDC issuer).
 */
export async function startStack(
  options: { webEnv?: Record<string, string> } = {},
): Promise<Stack> {
  const database = await createTestDatabase()
  const prefix = uniquePrefix('web-e2e')
  const media = await mkdtemp(join(tmpdir(), 'statex-web-e2e-media-'))
  const nextauthSecret = randomBytes(32).toString('base64')
  const [sandboxPort, apiPort, webPort, smtpPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ]
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`
  const apiUrl = `http://127.0.0.1:${apiPort}`
  const webUrl = `http://127.0.0.1:${webPort}`
  const shared = sharedEnv({ database, queuePrefix: prefix, sandboxUrl })
  const services: Service[] = []
  const stop = async () => {
    for (const service of services.reverse()) await service.stop()
    const redis = connectRedis()
    await deletePrefix(redis, prefix).finally(() => redis.quit())
    await database.drop()
    await rm(media, { recursive: true, force: true })
  }
  try {
    services.push(
      await startService({
        name: 'sandbox',
        args: [builtMain('sandbox')],
        env: {
          ...shared,
          SANDBOX_PORT: String(sandboxPort),
          // Its SMTP catcher takes the worker's notification emails, as under npm start.
          SANDBOX_SMTP_PORT: String(smtpPort),
          STATEX_API_URL: apiUrl,
        },
        ready: `${sandboxUrl}/health`,
      }),
    )
    services.push(
      await startApi({
        shared,
        port: apiPort,
        nextauthSecret,
        env: {
          // OAuth consent pages send the person back through the dashboard, which shows the outcome.
          STATEX_OAUTH_CALLBACK_BASE_URL: `${webUrl}/api`,
          CORS_ORIGINS: webUrl,
          STATEX_MEDIA_DIR: media,
          API_RATE_LIMIT_PER_MINUTE: '100000',
          // The test's webhook receiver listens on 127.0.0.1.
          STATEX_ALLOW_PRIVATE_URLS: '1',
        },
      }),
    )
    services.push(
      await startService({
        name: 'worker',
        args: [builtMain('worker')],
        env: {
          ...shared,
          LOG_LEVEL: 'info',
          DISPATCH_INTERVAL_MS: '500',
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(smtpPort),
          STATEX_WEB_URL: webUrl,
          // The e2e feed is served on 127.0.0.1 and should be read within a second of being added.
          STATEX_ALLOW_PRIVATE_URLS: '1',
          FEEDS_TICK_MS: '1000',
        },
        ready: /worker started/,
      }),
    )
    const web = await startApp(
      () => ({
        NEXTAUTH_SECRET: nextauthSecret,
        NEXTAUTH_URL: webUrl,
        // No database settings: the dashboard does everything, signing in too, through the API.
        STATEX_API_URL: apiUrl,
        ...options.webEnv,
      }),
      webPort,
    )
    services.push(web)
    return {
      web,
      apiUrl,
      sandboxUrl,
      database,
      nextauthSecret,
      output: () => services.map((s) => `--- ${s.name}\n${s.output()}`).join('\n'),
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
