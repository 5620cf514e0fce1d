// `npm run reset`: back to a fresh clone's state, for when local data gets in the way. Refuses while
// `npm start` still runs; then drops the development database, deletes the development queues'
// keys in Redis, stops the PostgreSQL/Redis servers `npm start` itself started in .statex/ (the
// machine's own services are left running), and removes .statex/ (generated secrets, the demo
// password, local server data). The next `npm start` makes everything anew.
import { rmSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { appPlan } from './app-plan.mjs'
import { PROJECT_ROOT } from './ensure-services.mjs'
import { describeFailure, run, succeeded, which } from './exec.mjs'
import { UserFacingError, log, runMain } from './log.mjs'
import { probePostgres } from './probes.mjs'
import { parseDatabaseUrl, redact, serviceUrls } from './service-urls.mjs'
import { waitForHttp } from './supervise.mjs'
import { stopLocalPostgres } from './start-postgres.mjs'
import { stopLocalRedis } from './start-redis.mjs'

async function refuseWhileRunning(env) {
  for (const app of appPlan(env).apps.filter((a) => a.health)) {
    if (await waitForHttp(app.health, { timeoutMs: 500 }))
      throw new UserFacingError(
        `${app.name} still answers at ${app.health}: stop \`npm start\` (Ctrl+C) before resetting`,
      )
  }
}

async function dropDatabase(databaseUrl) {
  const target = parseDatabaseUrl(databaseUrl)
  if (!target.local)
    throw new UserFacingError(
      `DATABASE_URL points at ${target.host}, not this machine: reset only drops a local development database`,
    )
  const name = target.database.replace(/"/g, '""')
  const result = await probePostgres(
    { ...target, database: 'postgres' },
    { query: `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, timeoutMs: 30_000 },
  )
  if (result.state === 'down' || result.state === 'refused') {
    log.info(`PostgreSQL is not running at ${target.host}:${target.port}: no database to drop`)
    return
  }
  if (!result.ready)
    throw new UserFacingError(`could not drop "${target.database}": ${result.detail}`)
  log.ok(`dropped the development database "${target.database}"`)
}

async function deleteQueueKeys(redisUrl, prefix) {
  const cli = which('redis-cli')
  if (!cli) {
    log.warn(`redis-cli is not installed: delete the "${prefix}:*" keys yourself if you need to`)
    return
  }
  // One script, so nothing is left half-deleted; KEYS is fine on a development Redis.
  const script =
    "local n = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) n = n + 1 end return n"
  const result = await run(cli, ['-u', redisUrl, 'EVAL', script, '0', `${prefix}:*`], {
    timeoutMs: 30_000,
  })
  if (!succeeded(result)) {
    log.info(
      `Redis at ${redact(redisUrl)} did not answer (${describeFailure(result)}): no keys to delete`,
    )
    return
  }
  log.ok(`deleted the "${prefix}:*" queue keys in Redis (${result.stdout.trim()})`)
}

/** Everything `npm run reset` does, for `projectRoot`'s .statex/ and the services `env` names. */
export async function reset({ env = process.env, projectRoot = PROJECT_ROOT } = {}) {
  await refuseWhileRunning(env)
  const { databaseUrl, redisUrl } = serviceUrls(env)
  await dropDatabase(databaseUrl)
  await deleteQueueKeys(redisUrl, env.QUEUE_PREFIX || 'statex')
  for (const dir of await stopLocalPostgres({ projectRoot }))
    log.ok(`stopped the project-local PostgreSQL in ${dir}`)
  for (const pid of stopLocalRedis({ projectRoot }))
    log.ok(`stopped the project-local redis-server (pid ${pid})`)
  const state = join(projectRoot, '.statex')
  if (existsSync(state)) {
    rmSync(state, { recursive: true, force: true })
    log.ok('removed .statex/ (development secrets, demo password, local server data)')
  }
  log.ok('reset done: the next `npm start` sets everything up anew')
  return 0
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runMain(() => reset())
