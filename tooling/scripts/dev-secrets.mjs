// Development secrets for local defaults, generated once and kept in .statex/ (mode 600), so the
// data encrypted by one `npm start` can still be read by the next.
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { log } from './log.mjs'

/** The keyring format the apps read: comma-separated `<keyId>:<base64 of 32 bytes>`, newest first. */
export function formatKeyring(keyId, keyBytes) {
  if (keyBytes.length !== 32) throw new Error('an encryption key is 32 bytes')
  return `${keyId}:${keyBytes.toString('base64')}`
}

/** True when every entry of a keyring string is `<id>:<base64 of 32 bytes>`. */
export function isValidKeyring(value) {
  const entries = String(value ?? '')
    .split(',')
    .map((e) => e.trim())
  return (
    entries.length > 0 &&
    entries.every((entry) => {
      const match = /^([A-Za-z0-9_-]+):([A-Za-z0-9+/]+={0,2})$/.exec(entry)
      return Boolean(match) && Buffer.from(match[2], 'base64').length === 32
    })
  )
}

function readOrCreate(file, create) {
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false }
  mkdirSync(dirname(file), { recursive: true })
  const value = create()
  writeFileSync(file, `${value}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  return { value, created: true }
}

/**
 * STATEX_ENCRYPTION_KEYS from the environment, else the development keyring in .statex/dev-keys.
 * The key itself is never printed.
 */
export function ensureEncryptionKeys(projectRoot, env = process.env) {
  if (env.STATEX_ENCRYPTION_KEYS?.trim()) return env.STATEX_ENCRYPTION_KEYS.trim()
  const file = join(projectRoot, '.statex', 'dev-keys')
  const { value, created } = readOrCreate(file, () => formatKeyring('k1', randomBytes(32)))
  log.info(
    created
      ? `STATEX_ENCRYPTION_KEYS is not set: generated a development keyring in ${file} (mode 600). ` +
          'Set STATEX_ENCRYPTION_KEYS for anything but local use.'
      : `STATEX_ENCRYPTION_KEYS is not set: using the development keyring in ${file}`,
  )
  return value
}

/** A random session secret for the dashboard's sign-in (NEXTAUTH_SECRET), kept in .statex/. */
export function ensureSessionSecret(projectRoot, env = process.env) {
  if (env.NEXTAUTH_SECRET?.trim()) return env.NEXTAUTH_SECRET.trim()
  const file = join(projectRoot, '.statex', 'dev-session-secret')
  return readOrCreate(file, () => randomBytes(32).toString('base64url')).value
}

/**
 * The demo user's sign-in password (STATEX_DEMO_PASSWORD), else a random one kept in
 * .statex/dev-demo-password. Returns the value and where a person finds it; the password itself
 * is never printed.
 */
export function ensureDemoPassword(projectRoot, env = process.env) {
  if (env.STATEX_DEMO_PASSWORD?.trim()) {
    return { password: env.STATEX_DEMO_PASSWORD.trim(), where: 'STATEX_DEMO_PASSWORD' }
  }
  const file = join(projectRoot, '.statex', 'dev-demo-password')
  return {
    password: readOrCreate(file, () => randomBytes(12).toString('base64url')).value,
    where: file,
  }
}
