// Console output for the start/test scripts: one voice, optional colour, phase timings.
// No dependencies: these scripts run before `pnpm install`.

const useColor =
  Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb'

const codes = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1 }

/** Wraps text in an ANSI colour when the terminal shows colour. */
export function paint(color, text) {
  if (!useColor || !codes[color]) return text
  return `\u001b[${codes[color]}m${text}\u001b[0m`
}

const tag = paint('bold', '[statex]')

export const log = {
  info: (message) => console.log(`${tag} ${message}`),
  step: (message) => console.log(`${tag} ${paint('cyan', '→')} ${message}`),
  ok: (message) => console.log(`${tag} ${paint('green', '✓')} ${message}`),
  warn: (message) => console.warn(`${tag} ${paint('yellow', '!')} ${message}`),
  error: (message) => console.error(`${tag} ${paint('red', '✗')} ${message}`),
}

/** Formats a duration in milliseconds as `1m 05s` or `4.2s`. */
export function formatDuration(ms) {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`
  const minutes = Math.floor(ms / 60_000)
  const seconds = Math.round((ms % 60_000) / 1000)
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`
}

/**
 * Records how long each phase takes, so a slow start or CI run says where the time went.
 * `await phases.run('install', () => ...)` logs the phase's start and its duration.
 */
export function createPhaseTimer() {
  const done = []
  return {
    async run(name, fn) {
      log.step(name)
      const startedAt = Date.now()
      try {
        return await fn()
      } finally {
        const ms = Date.now() - startedAt
        done.push({ name, ms })
        log.info(paint('gray', `${name}: ${formatDuration(ms)}`))
      }
    },
    summary() {
      const width = Math.max(...done.map((p) => p.name.length), 5)
      const total = done.reduce((sum, p) => sum + p.ms, 0)
      const lines = done.map((p) => `  ${p.name.padEnd(width)}  ${formatDuration(p.ms)}`)
      lines.push(`  ${'total'.padEnd(width)}  ${formatDuration(total)}`)
      return `phase timings:\n${lines.join('\n')}`
    },
  }
}

/** An error whose message is meant for the user as-is: the scripts print it without a stack. */
export class UserFacingError extends Error {
  constructor(message, { exitCode = 1 } = {}) {
    super(message)
    this.name = 'UserFacingError'
    this.exitCode = exitCode
  }
}

/**
 * Runs a script's main function and turns failures into a clear message and an exit code.
 * Unexpected errors still print their stack, because those are our bugs, not the user's setup.
 */
export async function runMain(main) {
  try {
    const code = await main()
    process.exitCode = typeof code === 'number' ? code : 0
  } catch (error) {
    if (error instanceof UserFacingError) {
      log.error(error.message)
      process.exitCode = error.exitCode
    } else {
      log.error('unexpected failure in the start/test scripts (a bug: please report it):')
      console.error(error)
      process.exitCode = 1
    }
  }
}
