// `npm test`: installs everything, makes sure PostgreSQL, Redis and Chromium are there, then runs
// every package's build, typecheck, lint and tests through Turborepo. Extra arguments go to turbo
// (`npm test -- --filter=@statex/core`).
import { ensureChromium } from './ensure-chromium.mjs'
import { ensurePnpm, runPnpm } from './ensure-pnpm.mjs'
import { PROJECT_ROOT, ensureServices } from './ensure-services.mjs'
import { installDependencies } from './install-dependencies.mjs'
import { createPhaseTimer, log, runMain } from './log.mjs'

async function main() {
  const phases = createPhaseTimer()
  const pnpm = await phases.run('pnpm', () => ensurePnpm(PROJECT_ROOT))
  await phases.run('install dependencies', () =>
    installDependencies(pnpm, { projectRoot: PROJECT_ROOT }),
  )
  const { databaseUrl, redisUrl } = await phases.run('PostgreSQL and Redis', () => ensureServices())
  const chromiumPath = await phases.run('Chromium', () => ensureChromium())

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    CHROMIUM_PATH: chromiumPath,
    TURBO_TELEMETRY_DISABLED: '1',
  }
  const result = await phases.run('build, typecheck, lint, test', () =>
    runPnpm(
      pnpm,
      ['turbo', 'run', 'build', 'typecheck', 'lint', 'test', ...process.argv.slice(2)],
      {
        cwd: PROJECT_ROOT,
        env,
        timeoutMs: 75 * 60_000,
      },
    ),
  )
  log.info(phases.summary())
  if (result.timedOut) log.error('the test run took longer than 75 minutes and was stopped')
  if (result.code === 0) log.ok('all builds, type checks, lint and tests passed')
  else
    log.error(
      `build/typecheck/lint/test failed (exit code ${result.code ?? 1}); see the output above`,
    )
  return result.code ?? 1
}

runMain(main)
