// `npm start`: installs everything, makes sure PostgreSQL and Redis run, builds, migrates and seeds
// the database, then runs the sandbox (when no platform is configured), the API, the worker and the
// dashboard until Ctrl+C. `npm start -- --skip-install --skip-build` reuses the last install/build.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ensureDemoPassword, ensureEncryptionKeys, ensureSessionSecret } from './dev-secrets.mjs'
import { ensurePnpm, runPnpm } from './ensure-pnpm.mjs'
import { PROJECT_ROOT, ensureServices } from './ensure-services.mjs'
import { describeFailure, run, succeeded } from './exec.mjs'
import { installDependencies } from './install-dependencies.mjs'
import { UserFacingError, createPhaseTimer, log, paint, runMain } from './log.mjs'
import { sandboxDecision, sandboxEnv, sandboxSmtpEnv } from './platform-credentials.mjs'
import { createSupervisor, waitForHttp } from './supervise.mjs'
import { appPlan } from './app-plan.mjs'

async function prepareDatabase(env) {
  const cli = join(PROJECT_ROOT, 'packages/db/dist/cli.js')
  if (!existsSync(cli)) {
    log.warn(
      'packages/db/dist/cli.js is missing (the db package is not built yet): skipping migrate and seed',
    )
    return
  }
  for (const command of ['migrate', 'seed']) {
    const result = await run(process.execPath, [cli, command], {
      env,
      cwd: PROJECT_ROOT,
      inherit: true,
      timeoutMs: 300_000,
    })
    if (!succeeded(result))
      throw new UserFacingError(`database ${command} failed: ${describeFailure(result)}`)
  }
  log.ok('database migrated and demo workspace seeded')
}

const FLAGS = ['--skip-install', '--skip-build']

async function main() {
  const flags = process.argv.slice(2)
  const unknown = flags.filter((flag) => !FLAGS.includes(flag))
  if (unknown.length)
    throw new UserFacingError(`unknown option ${unknown.join(' ')} (known: ${FLAGS.join(', ')})`)
  const phases = createPhaseTimer()
  const pnpm = await phases.run('pnpm', () => ensurePnpm(PROJECT_ROOT))
  if (!flags.includes('--skip-install')) {
    await phases.run('install dependencies', () =>
      installDependencies(pnpm, { projectRoot: PROJECT_ROOT }),
    )
  }
  const { databaseUrl, redisUrl } = await phases.run('PostgreSQL and Redis', () => ensureServices())
  if (!flags.includes('--skip-build')) {
    await phases.run('build', async () => {
      const result = await runPnpm(pnpm, ['turbo', 'run', 'build'], {
        cwd: PROJECT_ROOT,
        timeoutMs: 30 * 60_000,
      })
      if (!succeeded(result))
        throw new UserFacingError(
          `the build failed (${describeFailure(result)}); see the output above`,
        )
    })
  }

  const demo = ensureDemoPassword(PROJECT_ROOT)
  const baseEnv = {
    ...process.env,
    STATEX_DEMO_PASSWORD: demo.password,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    STATEX_ENCRYPTION_KEYS: ensureEncryptionKeys(PROJECT_ROOT),
    TURBO_TELEMETRY_DISABLED: '1',
  }
  await phases.run('database', () => prepareDatabase(baseEnv))

  const { ports, apps } = appPlan(baseEnv)
  const sandbox = sandboxDecision(baseEnv)
  const sandboxUrl = `http://127.0.0.1:${ports.sandbox}`
  const appEnv = {
    ...baseEnv,
    STATEX_API_URL: baseEnv.STATEX_API_URL ?? `http://127.0.0.1:${ports.api}`,
    NEXTAUTH_URL: baseEnv.NEXTAUTH_URL ?? `http://localhost:${ports.web}`,
    // Consent pages send the person back through the dashboard, which shows the outcome.
    STATEX_OAUTH_CALLBACK_BASE_URL:
      baseEnv.STATEX_OAUTH_CALLBACK_BASE_URL ?? `http://localhost:${ports.web}/api`,
    NEXTAUTH_SECRET: ensureSessionSecret(PROJECT_ROOT, baseEnv),
    // The dashboard runs on this machine: the API believes the browser address it forwards.
    TRUSTED_PROXIES: baseEnv.TRUSTED_PROXIES ?? '127.0.0.1,::1',
    // Links in notification emails open the dashboard.
    STATEX_WEB_URL: baseEnv.STATEX_WEB_URL ?? `http://localhost:${ports.web}`,
    ...(sandbox.useSandbox
      ? { ...sandboxEnv(baseEnv, sandboxUrl), ...sandboxSmtpEnv(baseEnv, ports.smtp) }
      : {}),
  }
  if (sandbox.useSandbox)
    log.info(paint('magenta', `using the sandbox platforms at ${sandboxUrl} (${sandbox.reason})`))
  else log.info(`real platforms: ${sandbox.reason}; the sandbox is not started`)

  const runnable = apps.filter((app) => {
    if (app.name === 'sandbox' && !sandbox.useSandbox) return false
    if (existsSync(join(PROJECT_ROOT, app.entry))) return true
    log.warn(`${app.name}: ${app.entry} does not exist (the app is not built yet): skipped`)
    return false
  })
  if (runnable.length === 0) throw new UserFacingError('there is no built app to start yet')

  const supervisor = createSupervisor()
  const cancelled = () => supervisor.isStopping()
  const started = await phases.run('start apps', async () => {
    const up = []
    for (const app of runnable) {
      if (cancelled()) break
      supervisor.start({
        ...app,
        cwd: join(PROJECT_ROOT, app.cwd ?? '.'),
        env: { ...appEnv, ...app.env },
      })
      // The other apps call the sandbox as soon as they start, so it must answer first.
      if (
        app.name === 'sandbox' &&
        !(await waitForHttp(app.health, { timeoutMs: 30_000, cancelled }))
      ) {
        if (!cancelled())
          log.warn(
            `the sandbox did not answer ${app.health} within 30s; starting the other apps anyway`,
          )
      }
      up.push(app.name)
    }
    for (const app of runnable.filter((a) => a.health && a.name !== 'sandbox')) {
      if (!(await waitForHttp(app.health, { timeoutMs: 60_000, cancelled })) && !cancelled()) {
        log.warn(`${app.name} did not answer ${app.health} within 60s`)
      }
    }
    return up
  })
  if (cancelled()) {
    const code = await supervisor.done()
    log.info(phases.summary())
    return code
  }

  log.info(phases.summary())
  const urls = [
    started.includes('web') &&
      `  Dashboard  http://localhost:${ports.web}  (sign in as demo@statex.local; password in ${demo.where})`,
    started.includes('api') && `  API        http://localhost:${ports.api}  (health: /health)`,
    started.includes('sandbox') &&
      `  Sandbox    http://localhost:${ports.sandbox}  (simulated platforms; emails at /mail)`,
  ].filter(Boolean)
  log.ok(
    `Statex Social is running (${started.join(', ')}). Press Ctrl+C to stop.\n${urls.join('\n')}`,
  )
  return supervisor.done()
}

runMain(main)
