import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeSetup, type FakeSimulator } from './fake-simulator.js'
import { startTestSandbox } from './helpers.js'

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>
let simulator: FakeSimulator

beforeAll(async () => {
  sandbox = await startTestSandbox([fakeSetup((sim) => (simulator = sim))])
})
afterAll(() => sandbox.close())

interface Echo {
  method: string
  url: string
  path: string
  headers: Record<string, string>
  body: string
}

describe('the platform proxy', () => {
  it('strips the prefix and passes method, path, query, headers and body through', async () => {
    const body = JSON.stringify({ chat_id: '-100777', text: 'héllo' })
    const answer = await fetch(
      `${sandbox.url}/telegram/echo/bot123%3Aabc/sendMessage?a=1&b=%2F&b=2`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-custom': 'kept',
          authorization: 'Bearer secret-1',
        },
        body,
      },
    )
    expect(answer.status).toBe(200)
    const echo = (await answer.json()) as Echo
    expect(echo.method).toBe('POST')
    expect(echo.url).toBe('/echo/bot123%3Aabc/sendMessage?a=1&b=%2F&b=2')
    expect(echo.headers['x-custom']).toBe('kept')
    expect(echo.headers.authorization).toBe('Bearer secret-1')
    expect(echo.headers['content-type']).toBe('application/json')
    expect(echo.headers.host).toBe(new URL(simulator.baseUrl).host)
    expect(Buffer.from(echo.body, 'base64').toString('utf8')).toBe(body)
    expect(simulator.requests.at(-1)!.path).toBe('/echo/bot123%3Aabc/sendMessage')
  })

  it('passes the status and response headers back', async () => {
    const answer = await fetch(`${sandbox.url}/telegram/echo?status=429`)
    expect(answer.status).toBe(429)
    expect(answer.headers.get('x-sim-answer')).toBe('yes')
    expect(answer.headers.get('set-cookie')).toBe('a=1')
    expect(answer.headers.get('content-type')).toContain('application/json')
  })

  it('streams a large binary body unchanged', async () => {
    const bytes = new Uint8Array(1024 * 1024).map((_, i) => (i * 31) % 256)
    const answer = await fetch(`${sandbox.url}/telegram/echo/upload`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    })
    const echo = (await answer.json()) as Echo
    expect(echo.method).toBe('PUT')
    expect(Buffer.from(echo.body, 'base64').equals(Buffer.from(bytes))).toBe(true)
  })

  it('forwards a bare trailing slash as the root path', async () => {
    await fetch(`${sandbox.url}/telegram/`)
    expect(simulator.requests.at(-1)!.url).toBe('/')
  })

  it('drops the client connection when the simulator drops it, as the platform would', async () => {
    simulator.injectFault({ type: 'drop_before_receive' })
    const outcome = await new Promise<string>((resolve) => {
      const req = request(`${sandbox.url}/telegram/echo`, (res) =>
        resolve(`status ${res.statusCode}`),
      )
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
      req.end()
    })
    expect(outcome).toBe('ECONNRESET')
  })

  it('answers 404 with a JSON reason for platforms that have no simulator yet', async () => {
    const answer = await fetch(`${sandbox.url}/linkedin/rest/posts`, { method: 'POST', body: '{}' })
    expect(answer.status).toBe(404)
    expect(await answer.json()).toMatchObject({
      sandboxError: 'adapter_not_built',
      platform: 'linkedin',
    })
  })
})

describe('a simulator that is gone', () => {
  it('answers 502 with a JSON reason and logs it', async () => {
    let simulator!: FakeSimulator
    const lonely = await startTestSandbox([fakeSetup((sim) => (simulator = sim))])
    try {
      await simulator.close()
      const answer = await fetch(`${lonely.url}/telegram/echo`)
      expect(answer.status).toBe(502)
      expect(await answer.json()).toMatchObject({
        sandboxError: 'The platform simulator could not be reached.',
      })
      expect(lonely.logs.join('\n')).toContain('ECONNREFUSED')
    } finally {
      await lonely.close()
    }
  })
})
