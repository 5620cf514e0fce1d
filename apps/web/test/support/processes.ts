import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

/** A port nothing listens on right now (the OS picks it), so parallel runs never collide. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}

export interface Service {
  name: string
  /** Everything it printed, for failure messages. */
  output: () => string
  stop: () => Promise<void>
}

/**
 * Runs `node <args>` as a child process and waits until `ready` says so (a line it prints or a URL
 * that answers 2xx). An exit before that fails with what the process printed.
 */
export async function startService(options: {
  name: string
  args: string[]
  cwd?: string
  env: Record<string, string>
  ready: RegExp | string
  timeoutMs?: number
}): Promise<Service> {
  const child: ChildProcess = spawn(process.execPath, options.args, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    // Only what is given: the test's own environment (DATABASE_URL, …) must not leak in.
    env: {
      NODE_ENV: 'production',
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
  }
  child.stdout?.on('data', onData)
  child.stderr?.on('data', onData)
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  const deadline = Date.now() + (options.timeoutMs ?? 45_000)

  const ready = async (): Promise<void> => {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) break
      if (typeof options.ready === 'string') {
        const ok = await fetch(options.ready).then(
          (r) => r.ok,
          () => false,
        )
        if (ok) return
      } else if (options.ready.test(output)) return
      await new Promise((r) => setTimeout(r, 150))
    }
    throw new Error(
      `${options.name} ${child.exitCode !== null ? `exited with code ${child.exitCode}` : 'did not become ready'} before it was ready:\n${output}`,
    )
  }
  await ready()
  return {
    name: options.name,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
