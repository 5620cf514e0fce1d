// Is PostgreSQL / Redis really there? A TCP connect alone is not enough (another program may hold the
// port, or the server may still be starting), so each probe speaks a little of the real protocol.
// Every probe has a short timeout and resolves (never rejects) with a state.
import { createHash } from 'node:crypto'
import { connect } from 'node:net'
import { connect as tlsConnect } from 'node:tls'

/**
 * @typedef {{ ready: boolean, state: 'up' | 'down' | 'starting' | 'no-database' | 'auth-failed' | 'not-postgres' | 'not-redis', detail: string }} ProbeResult
 */

function openSocket({ host, port, path, tls }) {
  if (path) return connect({ path })
  if (tls) return tlsConnect({ host, port, servername: host, rejectUnauthorized: false })
  return connect({ host, port })
}

/**
 * Sends PING (after AUTH when the URL has a password) and expects +PONG.
 * @returns {Promise<ProbeResult>}
 */
export function probeRedis(target, { timeoutMs = 2_000 } = {}) {
  return new Promise((resolve) => {
    const socket = openSocket(target)
    let buffer = ''
    let settled = false
    const finish = (result) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve(result)
    }
    let connected = false
    // A port that accepts the connection but never says PONG belongs to something else.
    const silent = () => (connected ? 'not-redis' : 'down')
    const timer = setTimeout(
      () => finish({ ready: false, state: silent(), detail: `no answer within ${timeoutMs} ms` }),
      timeoutMs,
    )
    socket.on('error', (error) =>
      finish({ ready: false, state: 'down', detail: error.code ?? error.message }),
    )
    socket.on('connect', () => {
      connected = true
      const parts = []
      if (target.password) {
        const authArgs = target.username
          ? ['AUTH', target.username, target.password]
          : ['AUTH', target.password]
        parts.push(resp(authArgs))
      }
      parts.push(resp(['PING']))
      socket.write(parts.join(''))
    })
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      const lines = buffer.split('\r\n').filter(Boolean)
      for (const line of lines) {
        if (line === '+PONG') return finish({ ready: true, state: 'up', detail: 'PONG' })
        if (line.startsWith('-LOADING'))
          return finish({ ready: false, state: 'starting', detail: line.slice(1) })
        if (
          line.startsWith('-NOAUTH') ||
          line.startsWith('-WRONGPASS') ||
          line.startsWith('-ERR invalid password')
        ) {
          return finish({ ready: false, state: 'auth-failed', detail: line.slice(1) })
        }
        if (line === '+OK') continue
        return finish({
          ready: false,
          state: 'not-redis',
          detail: `unexpected answer "${line.slice(0, 60)}"`,
        })
      }
    })
    socket.on('close', () =>
      finish({ ready: false, state: silent(), detail: 'connection closed without an answer' }),
    )
  })
}

function resp(args) {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`
}

function cstrings(pairs) {
  return Buffer.concat([
    ...pairs.flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from([0])]),
    Buffer.from([0]),
  ])
}

function message(type, body) {
  const header = Buffer.alloc(5)
  header.write(type, 0, 'ascii')
  header.writeInt32BE(body.length + 4, 1)
  return Buffer.concat([header, body])
}

function parseErrorFields(body) {
  const fields = {}
  let i = 0
  while (i < body.length && body[i] !== 0) {
    const code = String.fromCharCode(body[i])
    const end = body.indexOf(0, i + 1)
    fields[code] = body.toString('utf8', i + 1, end)
    i = end + 1
  }
  return fields
}

/**
 * Opens a PostgreSQL session with the startup protocol (v3) and, optionally, runs one simple query.
 * Handles trust, cleartext and md5 authentication; a server asking for SCRAM with a password given
 * counts as "up" (the server answered as PostgreSQL), since the apps' own driver will do SCRAM.
 * @param {{ host: string, port: number, user: string, password: string, database: string, socketDir: string | null }} target
 * @returns {Promise<ProbeResult>}
 */
export function probePostgres(target, { timeoutMs = 3_000, query } = {}) {
  return new Promise((resolve) => {
    const path = target.socketDir ? `${target.socketDir}/.s.PGSQL.${target.port}` : undefined
    const socket = openSocket({ host: target.host, port: target.port, path })
    let buffer = Buffer.alloc(0)
    let settled = false
    let queried = false
    let connected = false
    const silent = () => (connected ? 'not-postgres' : 'down')
    const finish = (result) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (!socket.destroyed) socket.end(message('X', Buffer.alloc(0)))
      socket.destroy()
      resolve(result)
    }
    const timer = setTimeout(
      () => finish({ ready: false, state: silent(), detail: `no answer within ${timeoutMs} ms` }),
      timeoutMs,
    )
    socket.on('error', (error) =>
      finish({ ready: false, state: 'down', detail: error.code ?? error.message }),
    )
    socket.on('close', () =>
      finish({ ready: false, state: silent(), detail: 'connection closed without an answer' }),
    )
    socket.on('connect', () => {
      connected = true
      const params = cstrings([
        'user',
        target.user,
        'database',
        target.database,
        'application_name',
        'statex-probe',
      ])
      const body = Buffer.concat([Buffer.from([0, 3, 0, 0]), params])
      const len = Buffer.alloc(4)
      len.writeInt32BE(body.length + 4)
      socket.write(Buffer.concat([len, body]))
    })
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk])
      while (buffer.length >= 5) {
        const type = String.fromCharCode(buffer[0])
        const length = buffer.readInt32BE(1)
        if (!/[A-Za-z]/.test(type) || length < 4) {
          return finish({
            ready: false,
            state: 'not-postgres',
            detail: 'the port answers, but not as PostgreSQL',
          })
        }
        if (buffer.length < 1 + length) return
        const body = buffer.subarray(5, 1 + length)
        buffer = buffer.subarray(1 + length)
        if (handle(type, body)) return
      }
    })

    function handle(type, body) {
      if (type === 'R') {
        const code = body.readInt32BE(0)
        if (code === 0) return false
        if (code === 3 || code === 5) {
          if (!target.password) {
            finish({
              ready: false,
              state: 'auth-failed',
              detail: `the server wants a password for role "${target.user}"`,
            })
            return true
          }
          const password =
            code === 3
              ? target.password
              : 'md5' +
                createHash('md5')
                  .update(
                    createHash('md5')
                      .update(target.password + target.user)
                      .digest('hex'),
                  )
                  .update(body.subarray(4, 8))
                  .digest('hex')
          socket.write(
            message('p', Buffer.concat([Buffer.from(password, 'utf8'), Buffer.from([0])])),
          )
          return false
        }
        if (code === 10) {
          finish(
            target.password
              ? {
                  ready: true,
                  state: 'up',
                  detail: 'answers (SCRAM authentication not checked by the probe)',
                }
              : {
                  ready: false,
                  state: 'auth-failed',
                  detail: `the server wants a password (SCRAM) for role "${target.user}"`,
                },
          )
          return true
        }
        finish({
          ready: false,
          state: 'auth-failed',
          detail: `unsupported authentication method ${code}`,
        })
        return true
      }
      if (type === 'E') {
        const fields = parseErrorFields(body)
        const detail = `${fields.M ?? 'error'}${fields.C ? ` (${fields.C})` : ''}`
        if (queried)
          finish({
            ready: false,
            state: 'up',
            detail: `query failed: ${detail}`,
            queryFailed: true,
          })
        else if (fields.C === '3D000') finish({ ready: false, state: 'no-database', detail })
        else if (fields.C?.startsWith('28')) finish({ ready: false, state: 'auth-failed', detail })
        else if (fields.C === '57P03') finish({ ready: false, state: 'starting', detail })
        else finish({ ready: false, state: 'down', detail })
        return true
      }
      if (type === 'Z') {
        if (query && !queried) {
          queried = true
          socket.write(message('Q', Buffer.concat([Buffer.from(query, 'utf8'), Buffer.from([0])])))
          return false
        }
        finish({
          ready: true,
          state: 'up',
          detail: queried ? 'query ran' : 'accepting connections',
        })
        return true
      }
      return false
    }
  })
}
