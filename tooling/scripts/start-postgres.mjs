// Starts a local PostgreSQL for a DATABASE_URL on this machine: the Debian cluster on that port when
// there is one, else a project-local cluster in .statex/ with trust authentication for local use only.
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describeFailure, postgresBinDirs, run, succeeded, which } from './exec.mjs'

/** Parses `pg_lsclusters --no-header` lines into { version, name, port, status, dataDir }. */
export function parseClusters(output) {
  return output
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length >= 6 && /^\d+$/.test(cols[2]))
    .map(([version, name, port, status, , dataDir]) => ({
      version,
      name,
      port: Number(port),
      status,
      dataDir,
    }))
}

async function debianClusterOn(port) {
  if (!which('pg_lsclusters')) return null
  const result = await run('pg_lsclusters', ['--no-header'], { timeoutMs: 10_000 })
  if (!succeeded(result)) return null
  return parseClusters(result.stdout).find((c) => c.port === port) ?? null
}

async function osUserIds(name) {
  const uid = await run('id', ['-u', name], { timeoutMs: 5_000 })
  const gid = await run('id', ['-g', name], { timeoutMs: 5_000 })
  if (!succeeded(uid) || !succeeded(gid)) return null
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}

/**
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` OS user (created
 * by Debian's packages) through runuser; as anyone else it runs as that user.
 */
async function runAsPrefix() {
  if (process.getuid?.() !== 0) return { prefix: [], owner: null }
  const owner = await osUserIds('postgres')
  const runuser = which('runuser')
  if (!owner || !runuser) {
    throw new Error(
      'running as root, and PostgreSQL refuses root: no `postgres` OS user (or runuser) to run it as',
    )
  }
  return { prefix: [runuser, '-u', 'postgres', '--'], owner }
}

function runPrefixed(prefix, command, args, options) {
  return prefix.length
    ? run(prefix[0], [...prefix.slice(1), command, ...args], options)
    : run(command, args, options)
}

/**
 * Starts PostgreSQL for the target. Returns a description of what was started, or throws with why not.
 * @param {{ host: string, port: number }} target
 */
export async function startLocalPostgres(target, { projectRoot }) {
  const cluster = await debianClusterOn(target.port)
  if (cluster && which('pg_ctlcluster')) {
    const result = await run(
      'pg_ctlcluster',
      ['--skip-systemctl-redirect', cluster.version, cluster.name, 'start'],
      {
        timeoutMs: 60_000,
      },
    )
    // Exit 2 means "already running": then it is only not ready yet, which the caller waits for.
    if (!succeeded(result) && result.code !== 2) {
      throw new Error(
        `pg_ctlcluster ${cluster.version} ${cluster.name} start failed: ${describeFailure(result)}`,
      )
    }
    return `the PostgreSQL ${cluster.version} cluster "${cluster.name}" on port ${target.port}`
  }

  const dirs = postgresBinDirs()
  const initdb = dirs.map((d) => join(d, 'initdb')).find(existsSync) ?? which('initdb')
  const pgCtl = dirs.map((d) => join(d, 'pg_ctl')).find(existsSync) ?? which('pg_ctl')
  if (!initdb || !pgCtl)
    throw new Error('PostgreSQL server binaries (initdb, pg_ctl) are not installed')

  const { prefix, owner } = await runAsPrefix()
  const dataDir = join(projectRoot, '.statex', `postgres-${target.port}`)
  mkdirSync(dataDir, { recursive: true })
  if (owner) chownSync(dataDir, owner.uid, owner.gid)
  chmodSync(dataDir, 0o700)

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    // Trust auth is what the default URL (user postgres, no password) expects; the cluster only
    // listens on the URL's loopback host, so nobody else can reach it.
    const result = await runPrefixed(
      prefix,
      initdb,
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'],
      { timeoutMs: 120_000 },
    )
    if (!succeeded(result)) throw new Error(`initdb failed: ${describeFailure(result)}`)
  }

  // Unix socket paths are limited to ~107 bytes; fall back to /tmp for deep checkouts.
  const socketDir = `${dataDir}/.s.PGSQL.${target.port}`.length < 100 ? dataDir : '/tmp'
  const listen = target.host === 'localhost' ? 'localhost' : target.host
  const logFile = join(dataDir, 'server.log')
  const result = await runPrefixed(
    prefix,
    pgCtl,
    [
      '-D',
      dataDir,
      '-l',
      logFile,
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${target.port} -k ${socketDir} -c listen_addresses=${listen}`,
      'start',
    ],
    { timeoutMs: 90_000 },
  )
  if (!succeeded(result))
    throw new Error(`pg_ctl start failed: ${describeFailure(result)} (log: ${logFile})`)
  const stop = `${prefix.length ? 'runuser -u postgres -- ' : ''}${pgCtl} -D ${dataDir} stop`
  return `a project-local PostgreSQL cluster on port ${target.port} (data dir ${dataDir}, stop it with: ${stop})`
}

/**
 * Makes a freshly apt-installed Debian cluster accept the passwordless `postgres` role over loopback,
 * as the default DATABASE_URL expects. Only ever called for a cluster this script installed itself.
 */
export async function trustLoopbackOnDebianCluster(port) {
  const cluster = await debianClusterOn(port)
  if (!cluster) return false
  const hbaPath = `/etc/postgresql/${cluster.version}/${cluster.name}/pg_hba.conf`
  if (!existsSync(hbaPath)) return false
  const updated = readFileSync(hbaPath, 'utf8').replace(
    /^(host\s+all\s+all\s+(?:127\.0\.0\.1\/32|::1\/128)\s+)\S+\s*$/gm,
    '$1trust',
  )
  writeFileSync(hbaPath, updated)
  const result = await run(
    'pg_ctlcluster',
    ['--skip-systemctl-redirect', cluster.version, cluster.name, 'reload'],
    {
      timeoutMs: 30_000,
    },
  )
  return succeeded(result)
}

/**
 * Stops every project-local cluster `startLocalPostgres` made in .statex/ that is running (it has a
 * postmaster.pid). Returns the data directories it stopped. Debian clusters are the machine's own
 * and are left alone.
 */
export async function stopLocalPostgres({ projectRoot }) {
  const root = join(projectRoot, '.statex')
  if (!existsSync(root)) return []
  const running = readdirSync(root)
    .filter((name) => name.startsWith('postgres-'))
    .map((name) => join(root, name))
    .filter((dir) => existsSync(join(dir, 'postmaster.pid')))
  if (running.length === 0) return []
  const pgCtl =
    postgresBinDirs()
      .map((d) => join(d, 'pg_ctl'))
      .find(existsSync) ?? which('pg_ctl')
  if (!pgCtl) throw new Error(`pg_ctl is not installed, so ${running.join(', ')} cannot be stopped`)
  const { prefix } = await runAsPrefix()
  for (const dataDir of running) {
    const result = await runPrefixed(prefix, pgCtl, ['-D', dataDir, '-m', 'fast', 'stop'], {
      timeoutMs: 60_000,
    })
    if (!succeeded(result))
      throw new Error(`pg_ctl -D ${dataDir} stop failed: ${describeFailure(result)}`)
  }
  return running
}
