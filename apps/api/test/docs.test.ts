import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  env = await setup('docs', { corsOrigins: ['https://app.example.com'] })
})
afterAll(async () => {
  await env.close()
})

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document that validates against the 3.1 schema, with every v1 route', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/docs/json' })
    expect(response.statusCode).toBe(200)
    const doc = response.json()
    expect(doc.openapi).toBe('3.1.0')
    const result = await new Validator().validate(doc)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    const paths = Object.keys(doc.paths)
    for (const path of [
      '/v1/posts',
      '/v1/posts/schedule',
      '/v1/posts/{id}',
      '/v1/posts/{id}/retry',
      '/v1/accounts',
      '/v1/api-keys',
      '/v1/analytics',
    ]) {
      expect(paths).toContain(path)
    }
    expect(doc.paths['/v1/posts'].post.requestBody.content['application/json'].schema).toBeTruthy()
    expect(doc.components.schemas.Post).toBeTruthy()
  })

  it('serves the docs UI at /docs', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/docs/' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/html')
  })
})

describe('health', () => {
  it('/health/live answers without dependencies; /health/ready checks them', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({
      status: 'ok',
    })
    const ready = await env.app.inject({ method: 'GET', url: '/health/ready' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json().checks).toEqual({ database: 'ok', redis: 'ok' })
  })
})

describe('HTTP hardening', () => {
  it('sends helmet headers', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/health/live' })
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['strict-transport-security']).toBeTruthy()
  })

  it('allows CORS only from the configured origins', async () => {
    const preflight = (origin: string) =>
      env.app.inject({
        method: 'OPTIONS',
        url: '/v1/posts',
        headers: { origin, 'access-control-request-method': 'POST' },
      })
    const allowed = await preflight('https://app.example.com')
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com')
    const other = await preflight('https://evil.example.com')
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
  })
})
