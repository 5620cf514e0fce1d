// Where PostgreSQL and Redis are expected, read from DATABASE_URL / REDIS_URL with local defaults.
// Pure functions: unit-tested in test/service-urls.test.mjs.

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/statex'
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379'

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0', ''])

/** True for a host on this machine, the only kind the scripts will try to start a server for. */
export function isLocalHost(host) {
  const h = String(host ?? '').toLowerCase()
  return LOCAL_HOSTS.has(h) || /^127\.\d+\.\d+\.\d+$/.test(h)
}

function parseUrl(raw, name) {
  try {
    return new URL(raw)
  } catch {
    throw new Error(`${name} is not a valid URL (got "${redact(raw)}")`)
  }
}

/** Hides the password of a connection URL so it can be printed. */
export function redact(raw) {
  try {
    const url = new URL(raw)
    if (url.password) url.password = '***'
    return url.toString()
  } catch {
    return String(raw).replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@')
  }
}

/**
 * @returns {{ url: string, host: string, port: number, user: string, password: string,
 *   database: string, local: boolean, socketDir: string | null }}
 */
export function parseDatabaseUrl(raw = DEFAULT_DATABASE_URL) {
  // libpq accepts an empty host (postgresql://user@/db?host=/socket/dir); WHATWG URL does not.
  const url = parseUrl(
    String(raw).replace(/^(postgres(?:ql)?:\/\/[^/@]*)@\//, '$1@localhost/'),
    'DATABASE_URL',
  )
  if (!['postgres:', 'postgresql:'].includes(url.protocol)) {
    throw new Error(`DATABASE_URL must start with postgresql:// (got "${url.protocol}//")`)
  }
  // A socket directory may be given as ?host=/var/run/postgresql, as libpq allows.
  const socketDir = url.searchParams.get('host')
  const host = url.hostname.replace(/^\[|\]$/g, '') || (socketDir ? 'localhost' : '127.0.0.1')
  return {
    url: raw,
    host,
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || 'postgres',
    password: decodeURIComponent(url.password),
    database:
      decodeURIComponent(url.pathname.replace(/^\//, '')) ||
      decodeURIComponent(url.username) ||
      'postgres',
    local: isLocalHost(host),
    socketDir: socketDir && socketDir.startsWith('/') ? socketDir : null,
  }
}

/** @returns {{ url: string, host: string, port: number, password: string, username: string, tls: boolean, local: boolean }} */
export function parseRedisUrl(raw = DEFAULT_REDIS_URL) {
  const url = parseUrl(raw, 'REDIS_URL')
  if (!['redis:', 'rediss:'].includes(url.protocol)) {
    throw new Error(`REDIS_URL must start with redis:// or rediss:// (got "${url.protocol}//")`)
  }
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1'
  return {
    url: raw,
    host,
    port: url.port ? Number(url.port) : 6379,
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    tls: url.protocol === 'rediss:',
    local: isLocalHost(host),
  }
}

/** The URLs the scripts use: the environment's, else the local defaults. Empty values count as unset. */
export function serviceUrls(env = process.env) {
  return {
    databaseUrl: env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL,
    redisUrl: env.REDIS_URL?.trim() || DEFAULT_REDIS_URL,
  }
}
