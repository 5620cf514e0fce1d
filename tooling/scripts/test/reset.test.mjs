// `npm run reset` takes a checkout back to a fresh clone's state, and refuses while apps still run.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { probePostgres } from '../probes.mjs'
import { parseDatabaseUrl, serviceUrls } from '../service-urls.mjs'
import { reset } from '../reset.mjs'

const { databaseUrl, redisUrl } = serviceUrls(process.env)
const server = parseDatabaseUrl(databaseUrl)
const suffix = randomBytes(4).toString('hex')
const sql = (query, database = 'postgres') => probePostgres({ ...server, database }, { query })
const redis = (...args) =>
  spawnSync('redis-cli', ['-u', redisUrl, ...args], { encoding: 'utf8' }).stdout.trim()

/** Ports nothing listens on, so reset does not mistake this machine's other apps for ours. */
const quietPorts = { API_PORT: '1', WEB_PORT: '1', SANDBOX_PORT: '1' }

test('drops the development database, its queue keys and .statex/', async (t) => {
  const database = `statex_reset_${suffix}`
  const prefix = `test-reset-${suffix}`
  assert.equal((await sql(`CREATE DATABASE "${database}"`)).ready, true)
  t.after(() => sql(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`))
  redis('SET', `${prefix}:publish:meta`, 'x')
  redis('SET', `other-${prefix}:kept`, 'x')
  t.after(() => redis('DEL', `other-${prefix}:kept`))
  const root = mkdtempSync(join(tmpdir(), 'statex-reset-'))
  t.after(() => rmSync(root, { recursive: true, force: true }))
  mkdirSync(join(root, '.statex'))
  writeFileSync(join(root, '.statex', 'dev-demo-password'), 'secret')

  const url = new URL(databaseUrl)
  url.pathname = `/${database}`
  const env = { ...process.env, ...quietPorts, DATABASE_URL: url.href, QUEUE_PREFIX: prefix }
  assert.equal(await reset({ env, projectRoot: root }), 0)

  assert.equal((await sql('SELECT 1', database)).state, 'no-database')
  assert.equal(redis('EXISTS', `${prefix}:publish:meta`), '0')
  assert.equal(redis('EXISTS', `other-${prefix}:kept`), '1')
  assert.equal(existsSync(join(root, '.statex')), false)
})

test('refuses while an app of npm start still answers, and removes nothing', async (t) => {
  const app = createServer((_, res) => res.end('ok'))
  await new Promise((resolve) => app.listen(0, '127.0.0.1', resolve))
  t.after(() => app.close())
  const root = mkdtempSync(join(tmpdir(), 'statex-reset-'))
  t.after(() => rmSync(root, { recursive: true, force: true }))
  mkdirSync(join(root, '.statex'))
  const env = { ...process.env, ...quietPorts, API_PORT: String(app.address().port) }
  await assert.rejects(reset({ env, projectRoot: root }), /stop `npm start`/)
  assert.equal(existsSync(join(root, '.statex')), true)
})
