import { ConfigError } from '@statex/providers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runService, type RunningService, type ServiceHost } from '../src/run-service.js'

interface FakeHost extends ServiceHost {
  readonly printed: string[]
  readonly exited: Promise<number>
  signal(name: NodeJS.Signals): void
}

function fakeHost(env: Record<string, string | undefined> = {}): FakeHost {
  const printed: string[] = []
  const handlers: [NodeJS.Signals, (signal: NodeJS.Signals) => void][] = []
  let exit!: (code: number) => void
  const exited = new Promise<number>((resolve) => (exit = resolve))
  return {
    env,
    printed,
    exited,
    exit,
    once: (signal, listener) => handlers.push([signal, listener]),
    printError: (message) => printed.push(message),
    signal(name) {
      const index = handlers.findIndex(([signal]) => signal === name)
      if (index === -1) throw new Error(`no ${name} handler, or it already ran`)
      handlers.splice(index, 1)[0]?.[1](name)
    },
  }
}

function fakeService(stop: () => Promise<void>) {
  const lines: string[] = []
  const record = (...args: unknown[]) => {
    lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '))
  }
  const service: RunningService = { log: { info: record, error: record }, stop: vi.fn(stop) }
  return { service, lines }
}

interface TestConfig {
  readonly name: string | undefined
  readonly sentryDsn?: string
}

const definition = (start: () => Promise<RunningService>) => ({
  name: 'test service',
  loadConfig: (env: Record<string, string | undefined>): TestConfig => ({ name: env.NAME }),
  start: vi.fn(start),
  shutdownLimitMs: 5000,
})

afterEach(() => {
  vi.useRealTimers()
})

describe('runService', () => {
  it('prints a configuration problem as the list alone and exits 1 without starting', async () => {
    const host = fakeHost()
    const service = definition(() => Promise.reject(new Error('must not start')))
    await runService(
      {
        ...service,
        loadConfig: () => {
          throw new ConfigError([{ variable: 'STATEX_ENCRYPTION_KEYS', message: 'is required' }])
        },
      },
      host,
    )
    await expect(host.exited).resolves.toBe(1)
    expect(host.printed).toEqual([
      'Invalid configuration:\n  - STATEX_ENCRYPTION_KEYS: is required',
    ])
    expect(service.start).not.toHaveBeenCalled()
  })

  it('names the service when it fails to start, and exits 1', async () => {
    const host = fakeHost()
    await runService(
      definition(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'))),
      host,
    )
    await expect(host.exited).resolves.toBe(1)
    expect(host.printed).toEqual([
      'The test service failed to start: connect ECONNREFUSED 127.0.0.1:6379',
    ])
  })

  it('passes the configuration to start, stops once on the first signal and exits 0', async () => {
    const host = fakeHost({ NAME: 'from env' })
    const { service, lines } = fakeService(() => Promise.resolve())
    const app = definition(() => Promise.resolve(service))
    await runService(app, host)
    expect(app.start).toHaveBeenCalledWith({ name: 'from env' })

    host.signal('SIGTERM')
    host.signal('SIGINT')
    await expect(host.exited).resolves.toBe(0)
    expect(service.stop).toHaveBeenCalledTimes(1)
    expect(lines).toEqual(['{"signal":"SIGTERM"} shutting down', 'stopped'])
  })

  it('exits 1 when stopping fails', async () => {
    const host = fakeHost()
    const { service, lines } = fakeService(() => Promise.reject(new Error('close failed')))
    await runService(
      definition(() => Promise.resolve(service)),
      host,
    )
    host.signal('SIGINT')
    await expect(host.exited).resolves.toBe(1)
    expect(lines.at(-1)).toMatch(/shutdown failed$/)
  })

  it('exits 1 when stopping outlasts the limit', async () => {
    vi.useFakeTimers()
    const host = fakeHost()
    const { service, lines } = fakeService(() => new Promise(() => {}))
    await runService(
      definition(() => Promise.resolve(service)),
      host,
    )
    host.signal('SIGINT')
    vi.advanceTimersByTime(4999)
    expect(lines).toEqual(['{"signal":"SIGINT"} shutting down'])
    vi.advanceTimersByTime(1)
    await expect(host.exited).resolves.toBe(1)
    expect(lines.at(-1)).toBe('shutdown took longer than %d ms; exiting 5000')
  })
})
