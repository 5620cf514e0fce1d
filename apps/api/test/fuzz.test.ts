import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { bearer, postBody, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
let postId: string
beforeAll(async () => {
  env = await setup('fuzz')
  const created = await env.app.inject({
    method: 'POST',
    url: '/v1/posts',
    headers: bearer(env.a.keys.editor),
    payload: postBody(env.a.accounts),
  })
  postId = created.json().post.id
})
afterAll(async () => {
  await env.close()
})

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
const ROUTES: [Method, string][] = [
  ['POST', '/v1/posts'],
  ['POST', '/v1/posts/schedule'],
  ['POST', '/v1/posts/validate'],
  ['GET', '/v1/posts'],
  ['GET', '/v1/posts/:id'],
  ['PATCH', '/v1/posts/:id'],
  ['DELETE', '/v1/posts/:id'],
  ['POST', '/v1/posts/:id/publish'],
  ['POST', '/v1/posts/:id/cancel'],
  ['POST', '/v1/posts/:id/retry'],
  ['GET', '/v1/accounts'],
  ['POST', '/v1/accounts/:platform/connect'],
  ['GET', '/v1/oauth/:platform/callback'],
  ['DELETE', '/v1/accounts/:id'],
  ['POST', '/v1/webhooks/:platform'],
  ['GET', '/v1/webhooks/:platform'],
  ['GET', '/v1/workspace'],
  ['PATCH', '/v1/workspace/members/:id'],
  ['POST', '/v1/workspace/invitations'],
  ['PUT', '/v1/workspace/slots'],
  ['POST', '/v1/invitations/accept'],
  ['POST', '/v1/api-keys'],
  ['DELETE', '/v1/api-keys/:id'],
  ['GET', '/v1/interactions'],
  ['POST', '/v1/interactions/:id/reply'],
  ['GET', '/v1/analytics'],
  ['POST', '/v1/webhooks'],
  ['POST', '/v1/media'],
  ['PATCH', '/v1/interactions/:id/draft'],
  ['POST', '/v1/interactions/:id/draft/approve'],
  ['POST', '/v1/webhooks/endpoints/:id/test'],
  ['POST', '/v1/media/fetch'],
  ['GET', '/media/:id/:id'],
]

// Values shaped like the real ones, so the fuzzer gets past the first check and into the rest.
const nearMiss = fc.oneof(
  fc.constantFrom(
    'telegram',
    'whatsapp',
    'linkedin',
    'DRAFT',
    'now',
    'at',
    'next-slot',
    '2030-01-01T00:00:00Z',
    'https://x.example/a.jpg',
    '',
    '%00',
    '../../etc',
  ),
  fc.uuid(),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
)
const keys = fc.constantFrom(
  'content',
  'text',
  'targets',
  'accountId',
  'schedule',
  'type',
  'at',
  'platforms',
  'scheduledAt',
  'media',
  'url',
  'options',
  'whatsapp',
  'recipients',
  'name',
  'role',
  'email',
  'times',
  'timeZone',
  'token',
  'overrides',
  '__proto__',
  'constructor',
)
const body = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, nearMiss, tie('object'), tie('array')),
  object: fc.dictionary(keys, tie('value'), { maxKeys: 6 }),
  array: fc.array(tie('value'), { maxLength: 4 }),
})).value
/** A valid post body with one field replaced: problems deep inside an otherwise good request. */
const mutatedPost = fc
  .tuple(
    fc.constantFrom(
      'content',
      'content.text',
      'content.media',
      'content.options',
      'targets',
      'targets.0',
      'targets.0.accountId',
      'targets.0.override',
      'schedule',
      'schedule.at',
      'schedule.type',
      'timeZone',
    ),
    body,
  )
  .map(([path, value]) => {
    const valid = JSON.parse(JSON.stringify(postBody(env.a.accounts))) as Record<string, unknown>
    const parts = path.split('.')
    let node: Record<string, unknown> = valid
    for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>
    node[parts.at(-1)!] = value
    return valid
  })
const query = fc.dictionary(
  fc.oneof(
    keys,
    fc.constantFrom(
      'limit',
      'cursor',
      'status',
      'platform',
      'q',
      'from',
      'to',
      'state',
      'code',
      'cancelScheduled',
    ),
  ),
  fc.oneof(fc.string(), fc.constantFrom('1', '-1', '1000', 'DRAFT,LOST', 'true')),
  { maxKeys: 4 },
)
const who = fc.constantFrom<'owner' | 'editor' | 'viewer' | 'none' | 'garbage' | 'other'>(
  'owner',
  'editor',
  'viewer',
  'none',
  'garbage',
  'other',
)
const idFor = fc.oneof(
  fc.constant('POST'),
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('telegram', 'whatsapp', 'x'),
)

it('no malformed request makes a 5xx; every 4xx says what to fix; nothing is half-written', async () => {
  const before = (await env.db.posts.listPostGroups({ workspaceId: env.a.workspaceId, limit: 100 }))
    .items.length
  let created = 0
  const stats: Record<number, number> = {}
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...ROUTES),
      idFor,
      fc.oneof(body, mutatedPost, fc.string(), fc.constant(undefined)),
      fc.ipV4(),
      query,
      who,
      fc.option(fc.string({ maxLength: 300 })),
      async ([method, template], id, payload, ip, q, caller, idempotencyKey) => {
        const url = template.replaceAll(
          /:(id|platform)/g,
          encodeURIComponent(id === 'POST' ? postId : id),
        )
        const search = new URLSearchParams(q).toString()
        const key = {
          owner: env.a.keys.owner,
          editor: env.a.keys.editor,
          viewer: env.a.keys.viewer,
          other: env.b.keys.owner,
          none: undefined,
          garbage: 'stx_garbage',
        }[caller]
        const headers: Record<string, string> = { ...(key ? bearer(key) : {}) }
        if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey
        if (typeof payload === 'string') headers['content-type'] = 'application/json'
        const response = await env.app.inject({
          method,
          remoteAddress: ip,
          url: search ? `${url}?${search}` : url,
          headers,
          ...(payload === undefined || method === 'GET' ? {} : { payload: payload as never }),
        })
        stats[response.statusCode] = (stats[response.statusCode] ?? 0) + 1
        expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(500)
        if (response.statusCode >= 400) {
          const error = response.json().error
          expect(error.code).toMatch(/^[A-Z_]+$/)
          expect(error.message.length).toBeGreaterThan(10)
        }
        if (
          response.statusCode === 201 &&
          template.startsWith('/v1/posts') &&
          caller !== 'other' &&
          response.headers['idempotent-replayed'] === undefined
        )
          created += 1
      },
    ),
    { numRuns: 2500 },
  )
  // Most answers are 4xx by design; some must get through to the handlers, or the run proves little.
  expect((stats[200] ?? 0) + (stats[404] ?? 0)).toBeGreaterThan(50)
  const after = await env.db.posts.listPostGroups({ workspaceId: env.a.workspaceId, limit: 100 })
  // Every stored post has its targets, and there are exactly as many new ones as 201 answers.
  expect(after.items.every((p) => p.targets.length > 0)).toBe(true)
  expect(after.items.length - before).toBeLessThanOrEqual(created)
}, 240_000)
