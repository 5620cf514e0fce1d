import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const APP_DIR = fileURLToPath(new URL('../..', import.meta.url))

export interface RunningApp {
  baseUrl: string
  /** Everything the server printed, for failure messages. */
  output: () => string
  stop: () => Promise<void>
}

async function freePort(): Promise<number> {
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

/**
 * Starts the production build with `next start` on a free port. The build is turbo's job
 * (`test` depends on `build`); running without one fails loudly instead of building here.
 */
export async function startApp(
  envFor: (baseUrl: string) => Record<string, string>,
): Promise<RunningApp> {
  if (!existsSync(`${APP_DIR}/.next/BUILD_ID`)) {
    throw new Error(
      'apps/web has no production build (.next/BUILD_ID). Run `pnpm --filter @statex/web run build` first; turbo runs it before `test`.',
    )
  }
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
  const child: ChildProcess = spawn(
    process.execPath,
    [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: APP_DIR,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        ...envFor(baseUrl),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )

  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (/Ready in/.test(output)) resolve()
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    void exited.then((code) =>
      reject(new Error(`next start exited with code ${code} before it was ready:\n${output}`)),
    )
  })

  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
