import { readFile } from 'node:fs/promises'
import { createStatexClient } from '@statex/api-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildOpenApiDocument } from '../src/openapi-document.js'
import { setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
let url: string
beforeAll(async () => {
  env = await setup('client')
  url = await env.app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(async () => {
  await env.close()
})

describe('@statex/api-client', () => {
  it('is generated from the current OpenAPI document (run `pnpm --filter @statex/api run openapi` when this fails)', async () => {
    const committed = JSON.parse(
      await readFile(new URL('../../../packages/api-client/openapi.json', import.meta.url), 'utf8'),
    )
    expect(committed).toEqual(JSON.parse(JSON.stringify(await buildOpenApiDocument())))
  })

  it('drives the API over HTTP with typed requests and answers', async () => {
    const api = createStatexClient({ baseUrl: url, token: env.a.keys.editor })
    const at = new Date(Date.now() + 3_600_000).toISOString()
    const created = await api.POST('/v1/posts', {
      body: {
        content: {
          text: 'From the typed client',
          options: { whatsapp: { recipients: ['+420600000001'] } },
        },
        targets: [{ accountId: env.a.accounts.telegram }, { accountId: env.a.accounts.whatsapp }],
        schedule: { type: 'at', at },
      },
    })
    expect(created.response.status).toBe(201)
    const postId = created.data!.post.id
    const read = await api.GET('/v1/posts/{id}', { params: { path: { id: postId } } })
    expect(read.data?.post.targets.map((t) => t.scheduledAt)).toEqual([at, at])

    const missing = await createStatexClient({ baseUrl: url, token: env.b.keys.viewer }).GET(
      '/v1/posts/{id}',
      {
        params: { path: { id: postId } },
      },
    )
    expect(missing.response.status).toBe(404)
    expect(missing.error?.error.code).toBe('NOT_FOUND')
  })
})
