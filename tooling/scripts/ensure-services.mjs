// Makes sure PostgreSQL and Redis answer at DATABASE_URL / REDIS_URL, starting local ones when they
// don't: with Docker when an engine runs, else from installed binaries, else (Debian/Ubuntu as root)
// by installing the OS packages. Run directly: `node tooling/scripts/ensure-services.mjs`.
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describeFailure, postgresBinDirs, run, succeeded, waitFor, which } from './exec.mjs'
import { UserFacingError, log, runMain } from './log.mjs'
import { probePostgres, probeRedis } from './probes.mjs'
import { parseDatabaseUrl, parseRedisUrl, redact, serviceUrls } from './service-urls.mjs'
import { startLocalPostgres, trustLoopbackOnDebianCluster } from './start-postgres.mjs'
import { startLocalRedis } from './start-redis.mjs'

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const READY_TIMEOUT_MS = 60_000

/**
 * Which way to bring up a service that does not answer. Pure, so the order is tested.
 * @param {{ local: boolean, dockerRunning: boolean, hasBinaries: boolean, canInstall: boolean }} facts
 * @returns {'remote' | 'docker' | 'local' | 'install' | 'manual'}
 */
export function chooseStartMethod({ local, dockerRunning, hasBinaries, canInstall }) {
  if (!local) return 'remote'
  if (dockerRunning) return 'docker'
  if (hasBinaries) return 'local'
  if (canInstall) return 'install'
  return 'manual'
}

/** What to install, by hand, on the usual systems. */
export function installInstructions(missing) {
  const names = missing.join(' and ')
  return [
    `${names} could not be started on this machine. Any one of these gets ${missing.length > 1 ? 'them' : 'it'} running:`,
    '  • Docker:         docker compose -f docker/compose.yml up -d postgres redis',
    '  • Debian/Ubuntu:  sudo apt-get install -y postgresql redis-server',
    '  • macOS:          brew install postgresql@15 redis && brew services start postgresql@15 && brew services start redis',
    'or point DATABASE_URL / REDIS_URL at servers that run elsewhere. Then run the command again.',
  ].join('\n')
}

const hostPort = (t) => `${t.host}:${t.port}`

async function dockerEngineRunning() {
  if (!which('docker')) return false
  return succeeded(await run('docker', ['info'], { timeoutMs: 10_000 }))
}

function isDebianLike() {
  return existsSync('/etc/debian_version') && Boolean(which('apt-get'))
}

const services = {
  postgres: {
    label: 'PostgreSQL',
    probe: (t) => probePostgres(t),
    hasBinaries: () =>
      Boolean(which('pg_ctlcluster') && existsSync('/etc/postgresql')) ||
      postgresBinDirs().some((d) => existsSync(`${d}/initdb`)) ||
      Boolean(which('initdb') && which('pg_ctl')),
    startLocal: startLocalPostgres,
  },
  redis: {
    label: 'Redis',
    probe: (t) => probeRedis(t),
    hasBinaries: () => Boolean(which('redis-server')),
    startLocal: startLocalRedis,
  },
}

async function startWithDocker(names, targets, env) {
  const composeEnv = {
    ...env,
    POSTGRES_PORT: String(targets.postgres.port),
    REDIS_PORT: String(targets.redis.port),
    // compose.yml requires these for the app services; starting only the data services needs neither.
    STATEX_ENCRYPTION_KEYS: env.STATEX_ENCRYPTION_KEYS || 'unused-by-postgres-and-redis',
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET || 'unused-by-postgres-and-redis',
  }
  log.step(
    `starting ${names.join(' and ')} with Docker (docker compose -f docker/compose.yml up -d ${names.join(' ')})`,
  )
  const result = await run(
    'docker',
    ['compose', '-f', 'docker/compose.yml', 'up', '-d', '--wait', ...names],
    {
      cwd: PROJECT_ROOT,
      env: composeEnv,
      timeoutMs: 300_000,
      inherit: true,
    },
  )
  if (!succeeded(result)) throw new Error(`docker compose up failed: ${describeFailure(result)}`)
}

async function installOsPackages() {
  log.warn(
    'PostgreSQL/Redis are not installed. Installing the OS packages now: apt-get install -y postgresql redis-server',
  )
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const update = await run('apt-get', ['update'], { env, timeoutMs: 300_000, inherit: true })
  if (!succeeded(update)) throw new Error(`apt-get update failed: ${describeFailure(update)}`)
  const install = await run('apt-get', ['install', '-y', 'postgresql', 'redis-server'], {
    env,
    timeoutMs: 600_000,
    inherit: true,
  })
  if (!succeeded(install)) throw new Error(`apt-get install failed: ${describeFailure(install)}`)
}

async function createDatabase(target) {
  const name = target.database.replaceAll('"', '""')
  const admin = { ...target, database: 'postgres' }
  const result = await probePostgres(admin, {
    query: `CREATE DATABASE "${name}"`,
    timeoutMs: 30_000,
  })
  if (result.ready || /already exists/.test(result.detail)) {
    log.ok(`created the database "${target.database}"`)
    return
  }
  throw new UserFacingError(
    `the database "${target.database}" does not exist and could not be created (${result.detail}). ` +
      `Create it with: createdb -h ${target.host} -p ${target.port} -U ${target.user} ${target.database}`,
  )
}

function explainUnusable(name, target, result) {
  const label = services[name].label
  if (result.state === 'auth-failed') {
    return name === 'postgres'
      ? `PostgreSQL at ${hostPort(target)} refused role "${target.user}": ${result.detail}. ` +
          'Put the password in DATABASE_URL (postgresql://USER:PASSWORD@HOST:PORT/DB), or allow local trust ' +
          'authentication for 127.0.0.1 in pg_hba.conf.'
      : `Redis at ${hostPort(target)} wants a password: ${result.detail}. Put it in REDIS_URL (redis://:PASSWORD@HOST:PORT).`
  }
  return (
    `port ${target.port} on ${target.host} is taken by something that is not ${label} (${result.detail}). ` +
    `Stop it, or point ${name === 'postgres' ? 'DATABASE_URL' : 'REDIS_URL'} at another port.`
  )
}

/**
 * Ensures both services answer. Returns the URLs in use and what this run started.
 * Throws UserFacingError with the exact remedy when it cannot.
 */
export async function ensureServices({ env = process.env } = {}) {
  const urls = serviceUrls(env)
  let targets
  try {
    targets = { postgres: parseDatabaseUrl(urls.databaseUrl), redis: parseRedisUrl(urls.redisUrl) }
  } catch (error) {
    throw new UserFacingError(error.message)
  }

  const first = {
    postgres: await services.postgres.probe(targets.postgres),
    redis: await services.redis.probe(targets.redis),
  }
  const down = []
  for (const name of ['postgres', 'redis']) {
    const result = first[name]
    const where = name === 'postgres' ? redact(urls.databaseUrl) : redact(urls.redisUrl)
    if (result.ready || result.state === 'no-database')
      log.ok(`${services[name].label} is up at ${where}`)
    else if (result.state === 'auth-failed' || result.state.startsWith('not-')) {
      throw new UserFacingError(explainUnusable(name, targets[name], result))
    } else {
      log.warn(`${services[name].label} is not reachable at ${where} (${result.detail})`)
      down.push(name)
    }
  }

  const started = []
  let installedPostgres = false
  if (down.length) {
    const remote = down.filter((name) => !targets[name].local)
    if (remote.length) {
      throw new UserFacingError(
        remote
          .map(
            (n) =>
              `${services[n].label} at ${hostPort(targets[n])} is not on this machine, so it is not started here; ` +
              'check that it runs and that this machine can reach it.',
          )
          .join('\n'),
      )
    }
    const dockerRunning = await dockerEngineRunning()
    const canInstall = isDebianLike() && process.getuid?.() === 0
    const methods = Object.fromEntries(
      down.map((name) => [
        name,
        chooseStartMethod({
          local: true,
          dockerRunning,
          hasBinaries: services[name].hasBinaries(),
          canInstall,
        }),
      ]),
    )
    const manual = down.filter((name) => methods[name] === 'manual')
    if (manual.length)
      throw new UserFacingError(installInstructions(manual.map((n) => services[n].label)))

    const viaDocker = down.filter((name) => methods[name] === 'docker')
    if (viaDocker.length) {
      try {
        await startWithDocker(viaDocker, targets, env)
        started.push(...viaDocker.map((n) => `${services[n].label} (Docker)`))
      } catch (error) {
        throw new UserFacingError(
          `${error.message}\n${installInstructions(viaDocker.map((n) => services[n].label))}`,
        )
      }
    }
    if (down.some((name) => methods[name] === 'install')) {
      try {
        await installOsPackages()
      } catch (error) {
        throw new UserFacingError(
          `${error.message}\n${installInstructions(down.map((n) => services[n].label))}`,
        )
      }
      installedPostgres = methods.postgres === 'install'
    }
    for (const name of down.filter((n) => methods[n] !== 'docker')) {
      log.step(`starting ${services[name].label} on ${hostPort(targets[name])}`)
      try {
        const what = await services[name].startLocal(targets[name], { projectRoot: PROJECT_ROOT })
        started.push(what)
        log.ok(`started ${what}`)
      } catch (error) {
        throw new UserFacingError(
          `${services[name].label}: ${error.message}\n${installInstructions([services[name].label])}`,
        )
      }
    }
  }

  const final = {}
  for (const name of ['postgres', 'redis']) {
    const probe = services[name].probe
    final[name] = await waitFor(
      async () => {
        const result = await probe(targets[name])
        return { ...result, ready: result.ready || result.state === 'no-database' }
      },
      { timeoutMs: down.includes(name) ? READY_TIMEOUT_MS : 1 },
    )
    if (name === 'postgres' && final.postgres.state === 'auth-failed' && installedPostgres) {
      log.step(
        'allowing the passwordless postgres role over loopback on the cluster just installed (pg_hba.conf: trust)',
      )
      await trustLoopbackOnDebianCluster(targets.postgres.port)
      final.postgres = await waitFor(() => probe(targets.postgres), { timeoutMs: 10_000 })
    }
    if (!final[name].ready && final[name].state !== 'no-database') {
      if (final[name].state === 'auth-failed' || final[name].state.startsWith('not-')) {
        throw new UserFacingError(explainUnusable(name, targets[name], final[name]))
      }
      throw new UserFacingError(
        `${services[name].label} did not become ready at ${hostPort(targets[name])} within ${READY_TIMEOUT_MS / 1000}s ` +
          `(${final[name].detail}).`,
      )
    }
    if (down.includes(name))
      log.ok(`${services[name].label} is ready at ${hostPort(targets[name])}`)
  }
  if (final.postgres.state === 'no-database') await createDatabase(targets.postgres)

  return { databaseUrl: urls.databaseUrl, redisUrl: urls.redisUrl, started }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runMain(async () => {
    const { started } = await ensureServices()
    log.ok(
      started.length
        ? `both services are up (started: ${started.join('; ')})`
        : 'both services are up',
    )
  })
}
