import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { isPublicAddress } from '@statex/runtime'
import { bearer, sandboxProviders, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'statex-media-'))
  env = await setup('media', { mediaDir: dir, publicUrl: 'https://api.example.com' })
})
afterAll(async () => {
  await env.close()
  await rm(dir, { recursive: true, force: true })
})

// The smallest valid PNG: signature, IHDR 1×1, IDAT, IEND.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6a5b10000000049454e44ae426082',
  'hex',
)

function multipart(file: Buffer, name: string, type: string) {
  const boundary = '----statex-test-boundary'
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

describe('POST /v1/media', () => {
  it('stores an upload by the type its bytes show and serves it from a public URL', async () => {
    const { payload, headers } = multipart(PNG, 'dot.png', 'image/png')
    const response = await env.app.inject({
      method: 'POST',
      url: '/v1/media',
      headers: { ...headers, ...bearer(env.a.keys.editor) },
      payload,
    })
    expect(response.statusCode, response.body).toBe(201)
    const { media } = response.json()
    expect(media).toMatchObject({
      type: 'image',
      mimeType: 'image/png',
      sizeBytes: PNG.length,
      fileName: 'dot.png',
    })
    expect(media.url).toMatch(
      new RegExp(`^https://api\\.example\\.com/media/${env.a.workspaceId}/[0-9a-f-]{36}\\.png$`),
    )
    const served = await env.app.inject({ method: 'GET', url: new URL(media.url).pathname })
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe('image/png')
    // The dashboard, on another origin, shows it as an <img>.
    expect(served.headers['cross-origin-resource-policy']).toBe('cross-origin')
    expect(served.rawPayload.equals(PNG)).toBe(true)
  })

  it('refuses a file whose bytes are not media, whatever its name says', async () => {
    const { payload, headers } = multipart(
      Buffer.from('<html><script>alert(1)</script></html>'),
      'cat.jpg',
      'image/jpeg',
    )
    const response = await env.app.inject({
      method: 'POST',
      url: '/v1/media',
      headers: { ...headers, ...bearer(env.a.keys.editor) },
      payload,
    })
    expect(response.statusCode).toBe(415)
    expect(response.json().error.message).toContain('by its content')
  })

  it('checks the type against the named platforms', async () => {
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(32)])
    const { payload, headers } = multipart(gif, 'a.gif', 'image/gif')
    const response = await env.app.inject({
      method: 'POST',
      url: '/v1/media?platforms=whatsapp',
      headers: { ...headers, ...bearer(env.a.keys.editor) },
      payload,
    })
    expect(response.statusCode).toBe(415)
    expect(response.json().error.details).toEqual({
      mimeType: 'image/gif',
      refusedBy: ['whatsapp'],
    })
  })

  it('needs an editor', async () => {
    const { payload, headers } = multipart(PNG, 'dot.png', 'image/png')
    expect(
      (await env.app.inject({ method: 'POST', url: '/v1/media', headers, payload })).statusCode,
    ).toBe(401)
    expect(
      (
        await env.app.inject({
          method: 'POST',
          url: '/v1/media',
          headers: { ...headers, ...bearer(env.a.keys.viewer) },
          payload,
        })
      ).statusCode,
    ).toBe(403)
  })

  it('serves nothing for names it did not make', async () => {
    for (const url of [`/media/${env.a.workspaceId}/..%2F..%2Fetc%2Fpasswd`, '/media/x/y.png']) {
      expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(404)
    }
  })
})

describe('POST /v1/media/fetch', () => {
  let server: Server
  let origin: string
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/redirect') {
        response.writeHead(302, { location: '/dot.png' }).end()
        return
      }
      response.writeHead(200, { 'content-type': 'image/png' }).end(PNG)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it.each([
    'http://127.0.0.1:1/x.png',
    'http://localhost/x.png',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/x.png',
    'http://10.1.2.3/x.png',
  ])('refuses %s: private addresses are never fetched', async (url) => {
    const response = await env.app.inject({
      method: 'POST',
      url: '/v1/media/fetch',
      headers: bearer(env.a.keys.editor),
      payload: { url },
    })
    expect(response.statusCode).toBe(422)
    expect(response.json().error.message).toMatch(/private/)
  })

  it('refuses a local server too, and fetches through redirects only when private addresses are allowed', async () => {
    const refused = await env.app.inject({
      method: 'POST',
      url: '/v1/media/fetch',
      headers: bearer(env.a.keys.editor),
      payload: { url: `${origin}/redirect` },
    })
    expect(refused.statusCode).toBe(422)
    const app = await buildApp({
      config: {
        logLevel: 'silent',
        queuePrefix: env.prefix,
        rateLimitPerMinute: 10_000,
        mediaDir: dir,
        allowPrivateUrls: true,
      },
      db: env.db,
      redis: env.redis,
      providers: sandboxProviders(),
      queues: env.queues,
    })
    try {
      const fetched = await app.inject({
        method: 'POST',
        url: '/v1/media/fetch',
        headers: bearer(env.a.keys.editor),
        payload: { url: `${origin}/redirect` },
      })
      expect(fetched.statusCode, fetched.body).toBe(201)
      expect(fetched.json().media).toMatchObject({
        mimeType: 'image/png',
        sizeBytes: PNG.length,
        fileName: 'dot.png',
      })
    } finally {
      await app.close()
    }
  })

  it('classifies addresses', () => {
    expect(isPublicAddress('93.184.216.34')).toBe(true)
    expect(isPublicAddress('2606:2800:220:1::')).toBe(true)
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.5',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '100.64.0.1',
      '0.0.0.0',
    ])
      expect(isPublicAddress(address), address).toBe(false)
  })
})
