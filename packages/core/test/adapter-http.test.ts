import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProviderError } from '../src/index.js'
import { endpoint, sendRequest, type HttpContext } from '../src/adapter.js'

const TOKEN = 'SECRET-TOKEN-123456'
let server: Server
let origin: string
let received = 0
let closedPort: number

beforeAll(async () => {
  server = createServer((req, res) => {
    received++
    if (req.url?.startsWith('/drop')) return void req.socket.destroy()
    if (req.url?.startsWith('/hang')) return
    if (req.url?.startsWith('/fail')) {
      res.writeHead(400, { 'content-type': 'application/json' })
      return void res.end(JSON.stringify({ error: `bad token ${TOKEN}` }))
    }
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-echo': req.headers['content-type'] ?? '',
      })
      res.end(JSON.stringify({ method: req.method, url: req.url, body }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const probe = createServer()
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
  closedPort = (probe.address() as AddressInfo).port
  await new Promise((r) => probe.close(r))
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})

const context = (): HttpContext => ({
  platform: 'telegram',
  fetch: globalThis.fetch,
  secrets: [TOKEN],
  classify: (res) =>
    new ProviderError({
      kind: 'invalid_request',
      platform: 'telegram',
      status: res.status,
      message: `refused: ${res.text}`,
      secrets: [TOKEN],
    }),
})

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(ProviderError.is(error), String(error)).toBe(true)
  return error as ProviderError
}

describe('sendRequest', () => {
  it('sends JSON bodies and parses JSON answers', async () => {
    const res = await sendRequest(context(), {
      method: 'POST',
      url: endpoint(origin, '/echo', { a: 1, b: undefined }),
      body: { hi: 'there' },
    })
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ method: 'POST', url: '/echo?a=1', body: '{"hi":"there"}' })
    expect(res.headers.get('x-echo')).toBe('application/json')
  })

  it('keeps a base path and the documented path after it', () => {
    expect(endpoint('http://127.0.0.1:4010/telegram', '/bot1:2/sendMessage').toString()).toBe(
      'http://127.0.0.1:4010/telegram/bot1:2/sendMessage',
    )
    expect(endpoint('https://api.telegram.org', 'bot1:2/getMe').toString()).toBe(
      'https://api.telegram.org/bot1:2/getMe',
    )
  })

  it('hands a failure answer to classify and hangs the exchange off the error, invisibly', async () => {
    const error = await failure(
      sendRequest(context(), { method: 'GET', url: endpoint(origin, `/fail/bot${TOKEN}`) }),
    )
    expect(error.kind).toBe('invalid_request')
    expect(error.status).toBe(400)
    expect(error.message).not.toContain(TOKEN)
    expect((error.request as { url: string }).url).not.toContain(TOKEN)
    expect((error.response as { status: number }).status).toBe(400)
    expect(JSON.stringify(error)).not.toContain(TOKEN)
  })

  it('calls a refused connection not_sent', async () => {
    const error = await failure(
      sendRequest(context(), {
        method: 'POST',
        url: new URL(`http://127.0.0.1:${closedPort}/x`),
        body: {},
      }),
    )
    expect(error).toMatchObject({ kind: 'transient', outcome: 'not_sent' })
  })

  it('calls a connection dropped after the request arrived unknown', async () => {
    const before = received
    const error = await failure(
      sendRequest(context(), { method: 'POST', url: endpoint(origin, '/drop'), body: {} }),
    )
    expect(received).toBe(before + 1)
    expect(error).toMatchObject({ kind: 'transient', outcome: 'unknown' })
  })

  it('calls a timeout after the request was sent unknown', async () => {
    const error = await failure(
      sendRequest(context(), {
        method: 'POST',
        url: endpoint(origin, '/hang'),
        body: {},
        signal: AbortSignal.timeout(150),
      }),
    )
    expect(error).toMatchObject({ kind: 'transient', outcome: 'unknown' })
    expect(error.message).toContain('timed out')
  })
})
