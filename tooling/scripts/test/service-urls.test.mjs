import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  isLocalHost,
  parseDatabaseUrl,
  parseRedisUrl,
  redact,
  serviceUrls,
} from '../service-urls.mjs'

test('the defaults point at the local servers', () => {
  assert.deepEqual(serviceUrls({}), {
    databaseUrl: DEFAULT_DATABASE_URL,
    redisUrl: DEFAULT_REDIS_URL,
  })
  assert.deepEqual(serviceUrls({ DATABASE_URL: ' ', REDIS_URL: '' }), {
    databaseUrl: DEFAULT_DATABASE_URL,
    redisUrl: DEFAULT_REDIS_URL,
  })
  const db = parseDatabaseUrl(DEFAULT_DATABASE_URL)
  assert.equal(db.host, '127.0.0.1')
  assert.equal(db.port, 5432)
  assert.equal(db.user, 'postgres')
  assert.equal(db.database, 'statex')
  assert.equal(db.local, true)
})

test('database URLs: ports, passwords, IPv6 hosts and socket directories', () => {
  const db = parseDatabaseUrl('postgres://app:s%40cret@[::1]:5440/my_db?sslmode=disable')
  assert.equal(db.host, '::1')
  assert.equal(db.port, 5440)
  assert.equal(db.user, 'app')
  assert.equal(db.password, 's@cret')
  assert.equal(db.database, 'my_db')
  assert.equal(db.local, true)
  assert.equal(
    parseDatabaseUrl('postgresql://postgres@/statex?host=/var/run/postgresql').socketDir,
    '/var/run/postgresql',
  )
  assert.equal(parseDatabaseUrl('postgresql://db.example.com/statex').local, false)
  assert.throws(() => parseDatabaseUrl('mysql://root@127.0.0.1/x'), /postgresql:\/\//)
  assert.throws(() => parseDatabaseUrl('not a url'), /DATABASE_URL is not a valid URL/)
})

test('redis URLs: default port, password, TLS', () => {
  const redis = parseRedisUrl('rediss://:pw@localhost')
  assert.equal(redis.port, 6379)
  assert.equal(redis.password, 'pw')
  assert.equal(redis.tls, true)
  assert.equal(redis.local, true)
  assert.equal(parseRedisUrl('redis://cache.internal:6380').local, false)
  assert.throws(() => parseRedisUrl('http://127.0.0.1:6379'), /REDIS_URL/)
})

test('only loopback names count as local', () => {
  for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'])
    assert.equal(isLocalHost(host), true, host)
  for (const host of ['db', '192.168.1.10', 'example.com', '10.0.0.1'])
    assert.equal(isLocalHost(host), false, host)
})

test('passwords never appear in printed URLs', () => {
  assert.equal(
    redact('postgresql://app:hunter2@127.0.0.1:5432/statex'),
    'postgresql://app:***@127.0.0.1:5432/statex',
  )
  assert.doesNotMatch(redact('redis://:hunter2@127.0.0.1'), /hunter2/)
  assert.doesNotMatch(redact('postgresql://app:hunter2@bad host/x'), /hunter2/)
})
