// The probes against the real local servers (DATABASE_URL / REDIS_URL, as `npm test` exports them),
// a closed port, and a port held by something that is not the expected server.
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { after, before, test } from 'node:test'
import { probePostgres, probeRedis } from '../probes.mjs'
import { parseDatabaseUrl, parseRedisUrl, serviceUrls } from '../service-urls.mjs'

const urls = serviceUrls(process.env)
let impostor
let impostorPort

before(async () => {
  // Answers every connection with an HTTP error, like a web server left on the port.
  impostor = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'))
  await new Promise((resolve) => impostor.listen(0, '127.0.0.1', resolve))
  impostorPort = impostor.address().port
})
after(() => impostor.close())

async function closedPort() {
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

test('Redis answers PONG at REDIS_URL', async () => {
  assert.deepEqual(await probeRedis(parseRedisUrl(urls.redisUrl)), {
    ready: true,
    state: 'up',
    detail: 'PONG',
  })
})

test('PostgreSQL accepts the configured role and runs a query', async () => {
  const target = { ...parseDatabaseUrl(urls.databaseUrl), database: 'postgres' }
  const result = await probePostgres(target, { query: 'SELECT 1' })
  assert.equal(result.state, 'up')
  assert.equal(result.detail, 'query ran')
})

test('a missing database is reported as such, not as a server that is down', async () => {
  const target = { ...parseDatabaseUrl(urls.databaseUrl), database: 'statex_probe_missing_db' }
  const result = await probePostgres(target)
  assert.equal(result.state, 'no-database')
  assert.match(result.detail, /3D000/)
})

test('a closed port is down', async () => {
  const port = await closedPort()
  assert.equal((await probeRedis({ host: '127.0.0.1', port })).state, 'down')
  assert.equal(
    (await probePostgres({ ...parseDatabaseUrl(urls.databaseUrl), host: '127.0.0.1', port })).state,
    'down',
  )
})

test('a port held by another program is not mistaken for Redis or PostgreSQL', async () => {
  const redis = await probeRedis({ host: '127.0.0.1', port: impostorPort })
  assert.equal(redis.state, 'not-redis')
  const postgres = await probePostgres({
    ...parseDatabaseUrl(urls.databaseUrl),
    host: '127.0.0.1',
    port: impostorPort,
  })
  assert.equal(postgres.state, 'not-postgres')
})
