// Starts a local redis-server for a REDIS_URL on this machine, keeping nothing on disk but its log.
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describeFailure, run, succeeded, which } from './exec.mjs'

/** The addresses redis-server listens on for a URL host (`localhost` means both loopbacks). */
export function redisBindArgs(host) {
  if (host === 'localhost' || host === '') return ['127.0.0.1', '-::1']
  if (host === '0.0.0.0') return ['127.0.0.1']
  return [host]
}

/** The redis-server arguments for a local, throwaway server on the URL's port. */
export function redisServerArgs(target, dataDir) {
  const args = [
    '--daemonize',
    'yes',
    '--bind',
    ...redisBindArgs(target.host),
    '--port',
    String(target.port),
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dataDir,
    '--logfile',
    join(dataDir, `redis-${target.port}.log`),
    '--pidfile',
    join(dataDir, `redis-${target.port}.pid`),
  ]
  if (target.password) args.push('--requirepass', target.password)
  return args
}

/**
 * Starts redis-server daemonized. Returns a description of what was started, or throws with why not.
 * The caller waits for readiness with the probe.
 */
export async function startLocalRedis(target, { projectRoot }) {
  const binary = which('redis-server')
  if (!binary) throw new Error('redis-server is not installed')
  const dataDir = join(projectRoot, '.statex', 'redis')
  mkdirSync(dataDir, { recursive: true })
  const result = await run(binary, redisServerArgs(target, dataDir), { timeoutMs: 15_000 })
  if (!succeeded(result)) throw new Error(`redis-server did not start: ${describeFailure(result)}`)
  return `redis-server on port ${target.port} (data dir ${dataDir}, stop it with: redis-cli -p ${target.port} shutdown)`
}

/**
 * Stops every redis-server `startLocalRedis` daemonized with its pid file in .statex/redis, by
 * signal (SIGTERM makes Redis shut down cleanly). Returns the pids it stopped.
 */
export function stopLocalRedis({ projectRoot }) {
  const dir = join(projectRoot, '.statex', 'redis')
  if (!existsSync(dir)) return []
  const stopped = []
  for (const name of readdirSync(dir).filter((n) => /^redis-\d+\.pid$/.test(n))) {
    const pid = Number(readFileSync(join(dir, name), 'utf8').trim())
    try {
      process.kill(pid, 'SIGTERM')
      stopped.push(pid)
    } catch (error) {
      if (error.code !== 'ESRCH') throw error // ESRCH: it had already stopped
    }
  }
  return stopped
}
