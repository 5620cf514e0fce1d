// `pnpm install` from the lockfile; a plain install only when the lockfile is out of date, said aloud.
import { describeFailure, run, succeeded } from './exec.mjs'
import { UserFacingError, log } from './log.mjs'

const INSTALL_TIMEOUT_MS = 20 * 60_000

/** True when pnpm's output says the lockfile does not match package.json (pnpm's own error codes). */
export function lockfileIsOutdated(output) {
  return /ERR_PNPM_OUTDATED_LOCKFILE|ERR_PNPM_LOCKFILE_CONFIG_MISMATCH|lockfile needs updates|not up to date with/i.test(
    output,
  )
}

export async function installDependencies(pnpm, { projectRoot }) {
  const args = (extra) => [...pnpm.prefixArgs, 'install', ...extra]
  const frozen = await run(pnpm.command, args(['--frozen-lockfile']), {
    cwd: projectRoot,
    tee: true,
    timeoutMs: INSTALL_TIMEOUT_MS,
  })
  if (succeeded(frozen)) return { frozen: true }
  if (!lockfileIsOutdated(frozen.stdout + frozen.stderr)) {
    throw new UserFacingError(`pnpm install failed: ${describeFailure(frozen)}`)
  }
  log.warn(
    'pnpm-lock.yaml is out of date with the package.json files; installing without the lockfile ' +
      '(pnpm install --no-frozen-lockfile). Commit the updated pnpm-lock.yaml.',
  )
  const plain = await run(pnpm.command, args(['--no-frozen-lockfile']), {
    cwd: projectRoot,
    inherit: true,
    timeoutMs: INSTALL_TIMEOUT_MS,
  })
  if (!succeeded(plain)) throw new UserFacingError(`pnpm install failed: ${describeFailure(plain)}`)
  return { frozen: false }
}
