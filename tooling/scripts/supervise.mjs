// Runs the apps as child processes with prefixed, coloured output; one unexpected exit stops them all.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { log, paint } from './log.mjs'

const STOP_GRACE_MS = 10_000

export function createSupervisor() {
  const children = new Map()
  let stopping = false
  let resolveDone
  const done = new Promise((resolve) => (resolveDone = resolve))
  let exitCode = 0

  const running = (child) => child.exitCode === null && child.signalCode === null

  // Each app runs in its own process group (detached), so a signal reaches the processes it starts
  // too (`pnpm … start` runs `next start` below it).
  function signalGroup(child, signal) {
    try {
      process.kill(-child.pid, signal)
    } catch {
      child.kill(signal)
    }
  }

  function stopAll(signal = 'SIGTERM') {
    if (stopping) return
    stopping = true
    for (const [name, child] of children) {
      if (running(child)) {
        log.info(`stopping ${name}`)
        signalGroup(child, signal)
      }
    }
    setTimeout(() => {
      for (const child of children.values()) if (running(child)) signalGroup(child, 'SIGKILL')
    }, STOP_GRACE_MS).unref()
    checkDone()
  }

  function checkDone() {
    if (![...children.values()].some(running)) resolveDone(exitCode)
  }

  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      log.info(`${signal} received: stopping every app`)
      stopAll(signal)
    })
  }

  return {
    /** Starts one app. `color` is one of log.mjs's colour names. */
    start({ name, color, command, args, env, cwd }) {
      const child = spawn(command, args, {
        env,
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      })
      const prefix = paint(color, `${name.padEnd(7)} │`)
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream }).on('line', (line) => console.log(`${prefix} ${line}`))
      }
      children.set(name, child)
      child.on('error', (error) => {
        log.error(`${name} could not start: ${error.message}`)
        exitCode = 1
        stopAll()
      })
      child.on('exit', (code, signal) => {
        if (!stopping) {
          log.error(
            `${name} exited unexpectedly (${signal ?? `code ${code}`}): stopping the others`,
          )
          exitCode = typeof code === 'number' && code !== 0 ? code : 1
          stopAll()
        }
        checkDone()
      })
      return child
    },
    stopAll,
    /** True once one app exited unexpectedly or a signal arrived: everything is being stopped. */
    isStopping: () => stopping,
    /** Resolves with the exit code to use once every child has exited. */
    done: () => done,
  }
}

/** Polls an HTTP URL until it answers 2xx, the time is up or `cancelled()`. Returns whether it answered. */
export async function waitForHttp(
  url,
  { timeoutMs = 30_000, intervalMs = 300, cancelled = () => false } = {},
) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && !cancelled()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      if (response.ok) return true
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  return false
}
