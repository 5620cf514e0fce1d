// Finds pnpm at the version pinned in the root package.json's "packageManager", installing it when
// missing: `npm i -g pnpm@<version>`, else (no rights to install globally) through `npx --yes`.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describeFailure, run, succeeded, which } from './exec.mjs'
import { UserFacingError, log } from './log.mjs'

/** Reads "pnpm@12.4.2" from package.json's packageManager field. */
export function pinnedPnpmVersion(projectRoot) {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'))
  const match = /^pnpm@(\d+\.\d+\.\d+)/.exec(pkg.packageManager ?? '')
  if (!match) throw new UserFacingError('package.json has no "packageManager": "pnpm@x.y.z" field')
  return match[1]
}

async function versionOf(command, prefixArgs) {
  const result = await run(command, [...prefixArgs, '--version'], { timeoutMs: 120_000 })
  return succeeded(result) ? result.stdout.trim() : null
}

/**
 * @returns {Promise<{ command: string, prefixArgs: string[], version: string }>} how to call pnpm;
 *   use with `run(pnpm.command, [...pnpm.prefixArgs, 'install'])`.
 */
export async function ensurePnpm(projectRoot) {
  const wanted = pinnedPnpmVersion(projectRoot)
  if (which('pnpm')) {
    const found = await versionOf('pnpm', [])
    if (found === wanted) return { command: 'pnpm', prefixArgs: [], version: found }
    log.warn(
      `pnpm ${found ?? '(unknown version)'} is installed, but this repository pins pnpm ${wanted}; using pnpm ${wanted} through npx`,
    )
  } else {
    log.step(`pnpm is not installed: installing pnpm ${wanted} (npm i -g pnpm@${wanted})`)
    const install = await run('npm', ['i', '-g', `pnpm@${wanted}`], {
      timeoutMs: 300_000,
      inherit: true,
    })
    if (succeeded(install) && which('pnpm') && (await versionOf('pnpm', [])) === wanted) {
      log.ok(`installed pnpm ${wanted}`)
      return { command: 'pnpm', prefixArgs: [], version: wanted }
    }
    log.warn(
      `a global install was not possible (${describeFailure(install)}); using npx --yes pnpm@${wanted} instead`,
    )
  }
  const prefixArgs = ['--yes', `pnpm@${wanted}`]
  const viaNpx = await versionOf('npx', prefixArgs)
  if (viaNpx !== wanted) {
    throw new UserFacingError(
      `could not get pnpm ${wanted}. Install it yourself with: npm i -g pnpm@${wanted} (it needs the npm registry), then run the command again.`,
    )
  }
  return { command: 'npx', prefixArgs, version: wanted }
}

/** Runs pnpm with the given arguments, sharing the terminal. */
export function runPnpm(pnpm, args, options = {}) {
  return run(pnpm.command, [...pnpm.prefixArgs, ...args], { inherit: true, ...options })
}
