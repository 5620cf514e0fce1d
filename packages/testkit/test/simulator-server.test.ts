import { afterEach, describe, expect, it } from 'vitest'
import {
  FaultQueue,
  SimClock,
  abortWhen,
  seededRandom,
  startSimulatorServer,
  type SimulatorServer,
} from '../src/simulator.js'

let server: SimulatorServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function start(faults = new FaultQueue()) {
  let acted = 0
  server = await startSimulatorServer({
    faults,
    handler: (req) => {
      acted++
      return { status: 200, body: { path: req.path, body: req.body, q: req.query.get('q') } }
    },
    renderFault: (fault) => ({
      status:
        fault.type === 'rate_limit'
          ? 429
          : fault.type === 'server_error'
            ? (fault.status ?? 500)
            : 400,
      body: { fault: fault.type },
    }),
  })
  return { url: server.url, acted: () => acted }
}

describe('FaultQueue', () => {
  it('hands each matching request the first matching fault, as many times as asked', () => {
    const queue = new FaultQueue()
    queue.add({ type: 'server_error' }, { match: { method: 'POST', path: '/messages' }, times: 2 })
    queue.add({ type: 'slow', delayMs: 5 })
    expect(queue.take('GET', '/messages')).toEqual({ type: 'slow', delayMs: 5 })
    expect(queue.take('POST', '/v1/messages')).toEqual({ type: 'server_error' })
    expect(queue.take('POST', '/v1/messages')).toEqual({ type: 'server_error' })
    expect(queue.take('POST', '/v1/messages')).toBeUndefined()
    queue.add({ type: 'rate_limit', retryAfterSeconds: 1 }, { match: { path: /^\/bot\d+/ } })
    expect(queue.take('POST', '/x')).toBeUndefined()
    expect(queue.pending).toBe(1)
    queue.clear()
    expect(queue.pending).toBe(0)
  })
})

describe('startSimulatorServer', () => {
  it('records requests and parses JSON, form and multipart bodies', async () => {
    const { url } = await start()
    await fetch(`${url}/a?q=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"x":1}',
    })
    await fetch(`${url}/b`, { method: 'POST', body: new URLSearchParams({ y: '2' }) })
    const form = new FormData()
    form.set('z', '3')
    form.set('file', new Blob(['abc'], { type: 'image/png' }), 'a.png')
    const res = await fetch(`${url}/c`, { method: 'POST', body: form })
    expect(await res.json()).toMatchObject({
      path: '/c',
      body: { z: '3', file: { name: 'a.png', type: 'image/png', size: 3 } },
    })
    expect(server!.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/a', { x: 1 }],
      ['POST', '/b', { y: '2' }],
      ['POST', '/c', { z: '3', file: { name: 'a.png', type: 'image/png', size: 3 } }],
    ])
    expect(server!.requests[0]!.query.get('q')).toBe('1')
  })

  it('renders platform faults without acting on the request', async () => {
    const faults = new FaultQueue()
    const { url, acted } = await start(faults)
    faults.add({ type: 'rate_limit', retryAfterSeconds: 3 })
    const res = await fetch(`${url}/x`, { method: 'POST' })
    expect(res.status).toBe(429)
    expect(await res.json()).toEqual({ fault: 'rate_limit' })
    expect(acted()).toBe(0)
  })

  it('acts on the request, then drops the connection, for drop_after_receive', async () => {
    const faults = new FaultQueue()
    const { url, acted } = await start(faults)
    faults.add({ type: 'drop_after_receive' })
    await expect(fetch(`${url}/x`, { method: 'POST' })).rejects.toThrow()
    expect(acted()).toBe(1)
  })

  it('drops before acting for drop_before_receive', async () => {
    const faults = new FaultQueue()
    const { url, acted } = await start(faults)
    faults.add({ type: 'drop_before_receive' })
    await expect(fetch(`${url}/x`, { method: 'POST' })).rejects.toThrow()
    expect(acted()).toBe(0)
  })

  it('acts and never answers for hang_after_receive, and still closes cleanly', async () => {
    const faults = new FaultQueue()
    const { url, acted } = await start(faults)
    faults.add({ type: 'hang_after_receive' })
    await expect(
      fetch(`${url}/x`, { method: 'POST', signal: abortWhen(() => acted() === 1) }),
    ).rejects.toThrow()
    expect(acted()).toBe(1)
  })
})

describe('SimClock and seededRandom', () => {
  it('advances simulated time without waiting', () => {
    const clock = new SimClock()
    const before = clock.now()
    clock.advance(3_600_000)
    expect(clock.now() - before).toBeGreaterThanOrEqual(3_600_000)
    expect(clock.date()).toBeInstanceOf(Date)
  })

  it('repeats the same sequence for the same seed', () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    const xs = [a(), a(), a()]
    expect([b(), b(), b()]).toEqual(xs)
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true)
  })
})
