import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

/**
 * One origin in front of several simulators, routing `/<platform>/...` to each, the way the
 * sandbox does, so real worker processes find them through STATEX_SANDBOX_URL.
 */
export async function startPrefixProxy(
  targets: Record<string, string>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const [, platform, ...rest] = (req.url ?? '/').split('/')
    const base = targets[platform ?? '']
    if (!base) {
      res.writeHead(404).end()
      return
    }
    const upstream = new URL(`/${rest.join('/')}`, base)
    const forward = httpRequest(
      upstream,
      { method: req.method, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    // A dropped upstream connection is dropped here too, so the worker sees what the simulator did.
    forward.on('error', () => res.socket?.destroy())
    req.pipe(forward)
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

const WORKER_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url))

/** The real worker (dist/main.js, built by `pnpm build`) as a child process. */
export function spawnWorker(env: Record<string, string>, main: string = WORKER_MAIN): ChildProcess {
  return spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}
