// Child-process helpers with a timeout on everything, so no step of `npm start` or `npm test` can hang.
import { spawn } from 'node:child_process'
import { accessSync, constants, readdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'

/**
 * Runs a command to completion (inherit: share the terminal; tee: show and capture the output). Never throws: a missing binary, a timeout or a non-zero exit all
 * come back as a result, so callers decide what each means.
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, timedOut: boolean, error?: Error }>}
 */
export function run(
  command,
  args = [],
  { timeoutMs = 60_000, env = process.env, cwd, inherit = false, tee = false, input } = {},
) {
  return new Promise((resolve) => {
    let stdout = ''
    let stderr = ''
    let timedOut = false
    let child
    try {
      child = spawn(command, args, {
        env,
        cwd,
        stdio: [
          input === undefined ? 'ignore' : 'pipe',
          inherit ? 'inherit' : 'pipe',
          inherit ? 'inherit' : 'pipe',
        ],
      })
    } catch (error) {
      resolve({ code: null, stdout, stderr, timedOut, error })
      return
    }
    if (input !== undefined) child.stdin.end(input)
    // tee: show the output as it comes and keep it, so a caller can read an error code from it.
    child.stdout?.on('data', (chunk) => {
      stdout += chunk
      if (tee) process.stdout.write(chunk)
    })
    child.stderr?.on('data', (chunk) => {
      stderr += chunk
      if (tee) process.stderr.write(chunk)
    })
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 2_000).unref()
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ code: null, stdout, stderr, timedOut, error })
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, timedOut })
    })
  })
}

/** True when the result is a clean exit 0. */
export const succeeded = (result) => result.code === 0 && !result.timedOut && !result.error

/** Describes why a run failed, in one line, for messages. */
export function describeFailure(result) {
  if (result.error)
    return result.error.code === 'ENOENT' ? 'command not found' : result.error.message
  if (result.timedOut) return 'timed out'
  const detail = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ')
  return `exit code ${result.code}${detail ? `: ${detail}` : ''}`
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Finds an executable on PATH (then in extraDirs), like `which`. Returns its path or null. */
export function which(name, extraDirs = []) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs].filter(Boolean)
  for (const dir of dirs) {
    const candidate = join(dir, name)
    if (isExecutable(candidate)) return candidate
  }
  return null
}

/** The bin folders of Debian's PostgreSQL packages, newest version first. */
export function postgresBinDirs() {
  try {
    return readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => `/usr/lib/postgresql/${v}/bin`)
  } catch {
    return []
  }
}

/** Resolves a promise-returning probe repeatedly until it says ready or the deadline passes. */
export async function waitFor(check, { timeoutMs, intervalMs = 300 }) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const result = await check()
    if (result.ready) return result
    if (Date.now() >= deadline) return result
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
