// The web app's browser tests drive Debian's Chromium (never a downloaded browser build).
import { existsSync } from 'node:fs'
import { describeFailure, run, succeeded, which } from './exec.mjs'
import { log } from './log.mjs'

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium'

/**
 * Returns the Chromium path to hand to the tests, installing Debian's package as root when missing.
 * Never fails the run: without Chromium the web tests themselves say that they need it.
 */
export async function ensureChromium(env = process.env) {
  const path = env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH
  if (existsSync(path)) return path
  const canInstall =
    existsSync('/etc/debian_version') && which('apt-get') && process.getuid?.() === 0
  if (!canInstall) {
    log.warn(
      `Chromium is not at ${path}: the web app's browser tests need it. Install it (Debian/Ubuntu: ` +
        'apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary. Continuing.',
    )
    return path
  }
  log.warn(
    "Chromium is missing; installing Debian's package for the browser tests: apt-get install -y chromium",
  )
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const update = await run('apt-get', ['update'], {
    env: aptEnv,
    timeoutMs: 300_000,
    inherit: true,
  })
  const install = succeeded(update)
    ? await run('apt-get', ['install', '-y', 'chromium'], {
        env: aptEnv,
        timeoutMs: 900_000,
        inherit: true,
      })
    : update
  if (!succeeded(install) || !existsSync(path)) {
    log.warn(
      `could not install Chromium (${describeFailure(install)}); the web browser tests will say they need it. Continuing.`,
    )
  } else {
    log.ok(`installed Chromium at ${path}`)
  }
  return path
}
