import { PassThrough } from 'node:stream'
import { CONTENT_RULES } from '@statex/core'
import { createTestDatabase } from '@statex/db/testing'
import { buildProviderRegistry, loadPlatformConfig, type ProviderRegistry } from '@statex/providers'
import type { FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { buildApp } from '../src/app.js'
import { ApiError } from '../src/errors.js'
import { connectRedis } from './support.js'
import { testQueues } from './support.js'

let testDb: Awaited<ReturnType<typeof createTestDatabase>>
let redis: Redis
let tq: Awaited<ReturnType<typeof testQueues>>
const apps: FastifyInstance[] = []

beforeAll(async () => {
  testDb = await createTestDatabase()
  redis = await connectRedis()
  tq = await testQueues('http')
})
afterAll(async () => {
  for (const app of apps) await app.close()
  redis.disconnect()
  await tq.close()
  await testDb.drop()
})

async function app(
  options: {
    providers?: ProviderRegistry
    logStream?: NodeJS.WritableStream
    level?: 'info' | 'silent'
  } = {},
): Promise<FastifyInstance> {
  const built = await buildApp({
    config: { logLevel: options.level ?? 'silent' },
    db: testDb.db,
    redis,
    queues: tq.queues,
    providers: options.providers ?? buildProviderRegistry(loadPlatformConfig({})),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  })
  apps.push(built)
  return built
}

describe('the error envelope', () => {
  it('answers an unknown path with 404 NOT_FOUND', async () => {
    const response = await (await app()).inject({ method: 'GET', url: '/v1/nothing-here?x=1' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'Nothing matches GET /v1/nothing-here.' },
    })
  })

  it('lists every schema problem with its path', async () => {
    const api = await app()
    // Routes in this file exist only to drive the handler; the app ships none like them.
    api.post(
      '/test/schema',
      {
        schema: {
          body: z.object({
            text: z.string().max(5),
            platforms: z.array(z.string()),
            at: z.iso.datetime().optional(),
          }),
        },
      },
      async () => ({ ok: true }),
    )
    const response = await api.inject({
      method: 'POST',
      url: '/test/schema',
      payload: { text: 'far too long', at: 'soon' },
    })
    expect(response.statusCode).toBe(400)
    const body = response.json()
    expect(body.error.code).toBe('VALIDATION_FAILED')
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body.at',
      'body.platforms',
      'body.text',
    ])
  })

  it('lists every zod problem with its path', async () => {
    const api = await app()
    const schema = z.object({ text: z.string().min(1), media: z.array(z.object({ url: z.url() })) })
    api.post('/test/zod', async (request) => schema.parse(request.body))
    const response = await api.inject({
      method: 'POST',
      url: '/test/zod',
      payload: { text: '', media: [{ url: 'nope' }] },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { path: 'text', message: expect.any(String) },
        { path: 'media.0.url', message: expect.any(String) },
      ],
    })
  })

  it('answers a body that is not JSON with MALFORMED_REQUEST', async () => {
    const api = await app()
    api.post('/test/echo', async (request) => request.body)
    const response = await api.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"text":',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('MALFORMED_REQUEST')
  })

  it('renders an ApiError with its code, status and details', async () => {
    const api = await app()
    api.get('/test/unavailable', async () => {
      throw new ApiError('SERVICE_UNAVAILABLE', { details: { dependency: 'redis' } })
    })
    const response = await api.inject({ method: 'GET', url: '/test/unavailable' })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toEqual({
      error: {
        code: 'SERVICE_UNAVAILABLE',
        message: 'A service the API depends on is unavailable.',
        details: { dependency: 'redis' },
      },
    })
  })

  it('answers an unknown error with 500 INTERNAL_ERROR and no internals', async () => {
    const api = await app()
    api.get('/test/boom', async () => {
      throw new Error('connect to postgresql://admin:hunter2@db.internal failed')
    })
    const response = await api.inject({ method: 'GET', url: '/test/boom' })
    expect(response.statusCode).toBe(500)
    expect(response.json()).toEqual({
      error: {
        code: 'INTERNAL_ERROR',
        message: 'Something went wrong on our side. It has been logged.',
        details: { requestId: expect.any(String) },
      },
    })
    expect(response.body).not.toContain('hunter2')
    expect(response.body).not.toContain('db.internal')
  })
})

describe('GET /v1/platforms', () => {
  it('lists each registered platform with its capabilities', async () => {
    const providers = buildProviderRegistry(
      loadPlatformConfig({ STATEX_SANDBOX_URL: 'http://127.0.0.1:4100' }),
    )
    const response = await (
      await app({ providers })
    ).inject({ method: 'GET', url: '/v1/platforms' })
    expect(response.statusCode).toBe(200)
    const { data } = response.json() as {
      data: { platform: string; capabilities: { content: unknown; connection: string } }[]
    }
    // Every adapter the sandbox serves, in the registry's (platform) order.
    expect(data.map((p) => p.platform)).toEqual(Object.keys(providers.providers))
    expect(data.map((p) => p.platform)).toEqual(expect.arrayContaining(['telegram', 'whatsapp']))
    const byPlatform = Object.fromEntries(data.map((p) => [p.platform, p.capabilities]))
    expect(byPlatform.telegram!.content).toEqual(JSON.parse(JSON.stringify(CONTENT_RULES.telegram)))
    expect(byPlatform.whatsapp!.content).toEqual(JSON.parse(JSON.stringify(CONTENT_RULES.whatsapp)))
    expect(byPlatform.telegram).toEqual(
      JSON.parse(JSON.stringify(providers.providers.telegram!.capabilities)),
    )
  })

  it('is empty when no platform is configured', async () => {
    const response = await (await app()).inject({ method: 'GET', url: '/v1/platforms' })
    expect(response.json()).toEqual({ data: [] })
  })
})

describe('logging', () => {
  it('keeps authorization headers, tokens and secrets out of the log', async () => {
    const stream = new PassThrough()
    const lines: string[] = []
    stream.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')))
    const api = await app({ logStream: stream, level: 'info' })
    api.get('/test/log', async (request) => {
      request.log.info(
        {
          headers: request.headers,
          account: { accessToken: 'EAAG-access-token', refreshToken: 'r-token' },
        },
        'logged',
      )
      return { ok: true }
    })
    const response = await api.inject({
      method: 'GET',
      url: '/test/log?hub.verify_token=verify-secret&hub.mode=subscribe',
      headers: {
        authorization: 'Bearer bearer-secret',
        'x-telegram-bot-api-secret-token': 'tg-secret',
      },
    })
    expect(response.statusCode).toBe(200)
    const log = lines.join('')
    expect(log).toContain('"logged"')
    expect(log).toContain('hub.mode=subscribe')
    expect(log).toContain('[redacted]')
    for (const secret of [
      'bearer-secret',
      'tg-secret',
      'EAAG-access-token',
      'r-token',
      'verify-secret',
    ]) {
      expect(log).not.toContain(secret)
    }
  })
})

describe('errors that merely look like client errors', () => {
  it('are treated as unknown: a library error with a 4xx statusCode does not leak its message', async () => {
    const api = await app()
    api.get('/test/library', async () => {
      throw Object.assign(new Error('upstream said: token EAAG-secret is invalid'), {
        statusCode: 401,
      })
    })
    const response = await api.inject({ method: 'GET', url: '/test/library' })
    expect(response.statusCode).toBe(500)
    expect(response.json().error.code).toBe('INTERNAL_ERROR')
    expect(response.body).not.toContain('EAAG-secret')
  })

  it('answers an unsupported content type with 415', async () => {
    const api = await app()
    api.post('/test/echo-415', async (request) => request.body)
    const response = await api.inject({
      method: 'POST',
      url: '/test/echo-415',
      headers: { 'content-type': 'application/x-unknown' },
      payload: 'x',
    })
    expect(response.statusCode).toBe(415)
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })
})
