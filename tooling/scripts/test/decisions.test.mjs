import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatKeyring, isValidKeyring } from '../dev-secrets.mjs'
import { chooseStartMethod, installInstructions } from '../ensure-services.mjs'
import { lockfileIsOutdated } from '../install-dependencies.mjs'
import {
  PLATFORM_CREDENTIALS,
  configuredPlatforms,
  sandboxDecision,
  sandboxEnv,
  sandboxSmtpEnv,
} from '../platform-credentials.mjs'
import { parseClusters } from '../start-postgres.mjs'
import { redisServerArgs } from '../start-redis.mjs'

test('a missing service is brought up by Docker, then local binaries, then the OS packages', () => {
  const facts = { local: true, dockerRunning: true, hasBinaries: true, canInstall: true }
  assert.equal(chooseStartMethod(facts), 'docker')
  assert.equal(chooseStartMethod({ ...facts, dockerRunning: false }), 'local')
  assert.equal(chooseStartMethod({ ...facts, dockerRunning: false, hasBinaries: false }), 'install')
  assert.equal(
    chooseStartMethod({ local: true, dockerRunning: false, hasBinaries: false, canInstall: false }),
    'manual',
  )
})

test('a service on another machine is never started here', () => {
  assert.equal(
    chooseStartMethod({ local: false, dockerRunning: true, hasBinaries: true, canInstall: true }),
    'remote',
  )
})

test('the manual instructions name what is missing and how to install it', () => {
  const text = installInstructions(['Redis'])
  assert.match(text, /^Redis could not be started/)
  assert.match(text, /apt-get install -y postgresql redis-server/)
  assert.match(text, /docker compose -f docker\/compose.yml up -d postgres redis/)
})

test('the sandbox runs when no platform has its app credentials', () => {
  assert.deepEqual(sandboxDecision({}), {
    useSandbox: true,
    configured: [],
    reason: 'no platform credentials are configured',
  })
  const halfWhatsApp = { WHATSAPP_APP_SECRET: 's' }
  assert.equal(sandboxDecision(halfWhatsApp).useSandbox, true)
  const whatsapp = { WHATSAPP_APP_SECRET: 's', WHATSAPP_VERIFY_TOKEN: 't' }
  assert.deepEqual(configuredPlatforms(whatsapp), ['whatsapp'])
  assert.equal(sandboxDecision(whatsapp).useSandbox, false)
  assert.equal(sandboxDecision({ ...whatsapp, STATEX_SANDBOX: '1' }).useSandbox, true)
  assert.equal(sandboxDecision({ STATEX_SANDBOX: 'off' }).useSandbox, false)
  assert.equal(sandboxDecision({ TELEGRAM_WEBHOOK_SECRET: ' ' }).useSandbox, true)
  assert.deepEqual(configuredPlatforms({ TWITTER_CLIENT_ID: 'x', LINKEDIN_CLIENT_ID: 'l' }), [
    'twitter',
  ])
})

test('every platform with settings lists them', () => {
  assert.deepEqual(Object.keys(PLATFORM_CREDENTIALS).sort(), [
    'facebook',
    'instagram',
    'linkedin',
    'telegram',
    'twitter',
    'whatsapp',
  ])
  for (const names of Object.values(PLATFORM_CREDENTIALS)) assert.ok(names.length > 0)
})

test('sandbox mode hands the apps the sandbox URL and its secrets, keeping any the user set', () => {
  const url = 'http://127.0.0.1:4010'
  const all = sandboxEnv({}, url)
  assert.equal(all.STATEX_SANDBOX_URL, url)
  assert.ok(all.WHATSAPP_APP_SECRET && all.WHATSAPP_VERIFY_TOKEN && all.TELEGRAM_WEBHOOK_SECRET)
  assert.equal(
    sandboxEnv({ TELEGRAM_WEBHOOK_SECRET: 'mine' }, url).TELEGRAM_WEBHOOK_SECRET,
    undefined,
  )
  const half = sandboxEnv({ WHATSAPP_APP_SECRET: 'mine' }, url)
  assert.equal(half.WHATSAPP_APP_SECRET, undefined)
  assert.equal(half.WHATSAPP_VERIFY_TOKEN, undefined)
  // A Meta app is all or nothing too: part of Facebook's settings keeps the sandbox off all of them.
  const partFacebook = sandboxEnv({ FACEBOOK_APP_ID: '123' }, url)
  assert.equal(partFacebook.FACEBOOK_APP_SECRET, undefined)
  assert.equal(partFacebook.FACEBOOK_VERIFY_TOKEN, undefined)
  assert.ok(all.FACEBOOK_APP_ID && all.INSTAGRAM_APP_SECRET && partFacebook.INSTAGRAM_VERIFY_TOKEN)
  assert.deepEqual(
    configuredPlatforms({
      FACEBOOK_APP_ID: '1',
      FACEBOOK_APP_SECRET: 's',
      FACEBOOK_VERIFY_TOKEN: 't',
    }),
    ['facebook'],
  )
})

test('development keyrings have the k1:<base64 of 32 bytes> form', () => {
  const keyring = formatKeyring('k1', Buffer.alloc(32, 7))
  assert.match(keyring, /^k1:[A-Za-z0-9+/]{43}=$/)
  assert.equal(isValidKeyring(keyring), true)
  assert.equal(isValidKeyring(`k2:${Buffer.alloc(32, 1).toString('base64')},${keyring}`), true)
  assert.equal(isValidKeyring(`k1:${Buffer.alloc(16).toString('base64')}`), false)
  assert.equal(isValidKeyring('k1'), false)
  assert.throws(() => formatKeyring('k1', Buffer.alloc(31)))
})

test('an outdated lockfile is told apart from other install failures', () => {
  assert.equal(
    lockfileIsOutdated(' ERR_PNPM_OUTDATED_LOCKFILE  Cannot install with "frozen-lockfile"'),
    true,
  )
  assert.equal(lockfileIsOutdated('ERR_PNPM_FETCH_404 GET https://registry/x: Not Found'), false)
})

test('Debian cluster listings are read by port', () => {
  const out =
    '15  main    5432 online postgres /var/lib/postgresql/15/main /var/log/postgresql/postgresql-15-main.log\n' +
    '16  test    5433 down   postgres /var/lib/postgresql/16/test /var/log/postgresql/postgresql-16-test.log\n'
  assert.deepEqual(parseClusters(out), [
    {
      version: '15',
      name: 'main',
      port: 5432,
      status: 'online',
      dataDir: '/var/lib/postgresql/15/main',
    },
    {
      version: '16',
      name: 'test',
      port: 5433,
      status: 'down',
      dataDir: '/var/lib/postgresql/16/test',
    },
  ])
  assert.deepEqual(parseClusters(''), [])
})

test('a local redis-server keeps nothing on disk and listens on loopback only', () => {
  const args = redisServerArgs({ host: 'localhost', port: 6390, password: '' }, '/p/.statex/redis')
  const joined = args.join(' ')
  assert.match(joined, /--bind 127\.0\.0\.1 -::1 --port 6390/)
  assert.match(joined, /--save {2}--appendonly no --dir \/p\/.statex\/redis/)
  assert.ok(!args.includes('--requirepass'))
  assert.ok(
    redisServerArgs({ host: '127.0.0.1', port: 1, password: 'pw' }, '/d').includes('--requirepass'),
  )
})

test('sandbox mode sends notification emails to the sandbox catcher unless SMTP is configured', () => {
  assert.deepEqual(sandboxSmtpEnv({}, 2525), { SMTP_HOST: '127.0.0.1', SMTP_PORT: '2525' })
  assert.deepEqual(sandboxSmtpEnv({ SMTP_HOST: 'smtp.example.com' }, 2525), {})
})
