import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import type { Principal } from '../src/auth.js'
import { isApprover } from '../src/services/reviews.js'
import { startWebhookDeliveries } from '../src/services/webhook-delivery.js'
import { bearer, postBody, sandboxProviders, setup } from './fixtures.js'
import { REDIS_URL } from './support.js'

let env: Awaited<ReturnType<typeof setup>>
let app: Awaited<ReturnType<typeof buildApp>>
let deliveries: ReturnType<typeof startWebhookDeliveries>
let connection: Redis
let receiver: Server
const received: { type: string; data: Record<string, unknown> }[] = []

beforeAll(async () => {
  env = await setup('approvals')
  receiver = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    request.on('end', () => {
      received.push(JSON.parse(body) as (typeof received)[number])
      response.writeHead(204).end()
    })
  })
  receiver.listen(0, '127.0.0.1')
  await once(receiver, 'listening')
  connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null })
  deliveries = startWebhookDeliveries({
    connection,
    prefix: env.prefix,
    db: env.db,
    allowPrivate: true,
    backoffDelayMs: 1,
  })
  app = await buildApp({
    config: {
      logLevel: 'silent',
      queuePrefix: env.prefix,
      rateLimitPerMinute: 100_000,
      publicUrl: 'https://api.example.test',
    },
    db: env.db,
    redis: env.redis,
    providers: sandboxProviders(),
    queues: env.queues,
    webhookQueue: deliveries.queue,
  })
  const origin = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`
  const endpoint = await call('POST', '/v1/webhooks', env.a.keys.owner, {
    url: `${origin}/hook`,
    events: [
      'post.submitted',
      'post.approved',
      'post.rejected',
      'post.review_commented',
      'post.reopened',
    ],
  })
  expect(endpoint.statusCode, endpoint.body).toBe(201)
})
afterAll(async () => {
  await app.close()
  await deliveries.close()
  connection.disconnect()
  receiver.close()
  await env.close()
})

function call(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  key?: string,
  payload?: unknown,
) {
  return app.inject({
    method,
    url,
    headers: key ? bearer(key) : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  })
}

type PostJson = {
  id: string
  status: string
  approvalStatus: string
  targets: { id: string; status: string; scheduledAt: string | null }[]
}

async function createPost(
  key: string,
  extra: Record<string, unknown> = {},
  accounts = env.a.accounts,
) {
  const response = await call('POST', '/v1/posts', key, postBody(accounts, extra))
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as { post: PostJson; jobIds: string[] }
}

async function waitForEvents(count: number) {
  for (let i = 0; i < 200 && received.length < count; i++)
    await new Promise((resolve) => setTimeout(resolve, 25))
  return received.map((e) => e.type)
}

describe('approvals in a workspace that requires them', () => {
  it('only an owner sets the policy', async () => {
    const body = { required: true, approverRole: 'owner', approverUserIds: [] }
    expect((await call('PUT', '/v1/workspace/approvals', env.a.keys.editor, body)).statusCode).toBe(
      403,
    )
    const put = await call('PUT', '/v1/workspace/approvals', env.a.keys.owner, body)
    expect(put.statusCode, put.body).toBe(200)
    expect((await call('GET', '/v1/workspace/approvals', env.a.keys.viewer)).json()).toEqual(body)
  })

  it('submit → comment and approve through an external link → back to review on edit → rejected, all in the history and webhooks', async () => {
    const { post, jobIds } = await createPost(env.a.keys.editor)
    expect(jobIds).toEqual([])
    expect(post).toMatchObject({ status: 'IN_REVIEW', approvalStatus: 'in_review' })
    expect(post.targets.every((t) => t.status === 'IN_REVIEW' && t.scheduledAt)).toBe(true)

    const publish = await call('POST', `/v1/posts/${post.id}/publish`, env.a.keys.editor)
    expect(publish.statusCode).toBe(409)
    expect(publish.json().error.code).toBe('APPROVAL_REQUIRED')
    const byEditor = await call('POST', `/v1/posts/${post.id}/approve`, env.a.keys.editor, {})
    expect(byEditor.statusCode).toBe(403)
    expect(byEditor.json().error.code).toBe('NOT_AN_APPROVER')

    const link = await call('POST', `/v1/posts/${post.id}/review-links`, env.a.keys.editor, {
      expiresInHours: 24,
    })
    expect(link.statusCode, link.body).toBe(201)
    const { token, url } = link.json() as { token: string; url: string }
    expect(url).toBe(`https://api.example.test/v1/review?token=${token}`)
    const shown = await call('GET', `/v1/review?token=${token}`)
    expect(shown.statusCode, shown.body).toBe(200)
    expect(shown.json()).toMatchObject({
      postId: post.id,
      approvalStatus: 'in_review',
      content: { text: 'Hello from the API' },
    })
    expect(
      (
        await call('POST', '/v1/review/comments', undefined, {
          token,
          name: 'Client',
          comment: 'Nice',
        })
      ).statusCode,
    ).toBe(201)
    const approved = await call('POST', '/v1/review/approve', undefined, { token, name: 'Client' })
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json().approvalStatus).toBe('approved')
    let view = (await call('GET', `/v1/posts/${post.id}`, env.a.keys.viewer)).json()
      .post as PostJson
    expect(view.approvalStatus).toBe('approved')
    expect(view.targets.every((t) => t.status === 'SCHEDULED')).toBe(true)

    const edit = await call('PATCH', `/v1/posts/${post.id}`, env.a.keys.editor, {
      content: {
        text: 'Changed after approval',
        options: { whatsapp: { recipients: ['+420600000001'] } },
      },
    })
    expect(edit.statusCode, edit.body).toBe(200)
    view = edit.json().post as PostJson
    expect(view.approvalStatus).toBe('in_review')
    expect(view.targets.every((t) => t.status === 'IN_REVIEW')).toBe(true)

    const noComment = await call('POST', `/v1/posts/${post.id}/reject`, env.a.keys.owner, {})
    expect(noComment.statusCode).toBe(400)
    const rejected = await call('POST', `/v1/posts/${post.id}/reject`, env.a.keys.owner, {
      comment: 'Not this week',
    })
    expect(rejected.statusCode, rejected.body).toBe(200)
    expect(rejected.json().post).toMatchObject({ status: 'DRAFT', approvalStatus: 'rejected' })
    const again = await call('POST', `/v1/posts/${post.id}/reject`, env.a.keys.owner, {
      comment: 'x',
    })
    expect(again.statusCode).toBe(409)
    expect(
      (await call('POST', '/v1/review/approve', undefined, { token, name: 'Client' })).statusCode,
    ).toBe(409)

    const history = (
      await call('GET', `/v1/posts/${post.id}/history`, env.a.keys.viewer)
    ).json() as {
      review: { kind: string; actor: string; actorName: string | null; comment: string | null }[]
      statusChanges: { targetId: string; to: string }[]
    }
    expect(history.review.map((e) => e.kind)).toEqual([
      'submitted',
      'commented',
      'approved',
      'reopened',
      'rejected',
    ])
    expect(history.review[2]).toMatchObject({
      actor: expect.stringMatching(/^review-link:/),
      actorName: 'Client',
    })
    expect(history.review[4]!.comment).toBe('Not this week')
    const first = post.targets[0]!.id
    expect(history.statusChanges.filter((c) => c.targetId === first).map((c) => c.to)).toEqual([
      'IN_REVIEW',
      'SCHEDULED',
      'IN_REVIEW',
      'DRAFT',
    ])
    // Deliveries run concurrently, so they may arrive in any order.
    expect((await waitForEvents(5)).sort()).toEqual([
      'post.approved',
      'post.rejected',
      'post.reopened',
      'post.review_commented',
      'post.submitted',
    ])
    expect(received.find((e) => e.type === 'post.approved')!.data).toMatchObject({
      postId: post.id,
      approvalStatus: 'approved',
      actorName: 'Client',
    })
  })

  it('approval of a post whose time has passed queues it now', async () => {
    const { post } = await createPost(env.a.keys.editor, { schedule: { type: 'now' } })
    expect(post.approvalStatus).toBe('in_review')
    expect(await env.queues.publish.getJobCounts()).toMatchObject({ waiting: 0, delayed: 0 })
    const approved = await call('POST', `/v1/posts/${post.id}/approve`, env.a.keys.owner, {})
    expect(approved.statusCode, approved.body).toBe(200)
    const { jobIds } = approved.json() as { jobIds: string[] }
    expect(jobIds).toHaveLength(2)
    for (const id of jobIds) expect(await env.queues.publish.getJob(id)).toBeDefined()
  })

  it('a revoked or unknown link answers 410', async () => {
    const { post } = await createPost(env.a.keys.editor)
    const link = (
      await call('POST', `/v1/posts/${post.id}/review-links`, env.a.keys.editor, {})
    ).json() as {
      id: string
      token: string
    }
    expect(
      (await call('DELETE', `/v1/posts/${post.id}/review-links/${link.id}`, env.a.keys.editor))
        .statusCode,
    ).toBe(204)
    const gone = await call('GET', `/v1/review?token=${link.token}`)
    expect(gone.statusCode).toBe(410)
    expect(gone.json().error.code).toBe('REVIEW_LINK_INVALID')
    expect((await call('GET', '/v1/review?token=rvw_not-a-real-token')).statusCode).toBe(410)
  })
  it('imported posts with a time go to review and are announced as submitted, one event each', async () => {
    const at = new Date(Date.now() + 5 * 3_600_000).toISOString()
    const csv = [
      'text,platforms,time',
      `Imported for review one,telegram,${at}`,
      `Imported for review two,telegram,${at}`,
    ].join('\n')
    const response = await call('POST', '/v1/posts/import', env.a.keys.editor, { csv })
    expect(response.statusCode, response.body).toBe(201)
    const ids = (response.json() as { rows: { postId: string }[] }).rows.map((r) => r.postId)
    const fromImport = () => received.filter((e) => e.data.source === 'import')
    for (let i = 0; i < 200 && fromImport().length < 2; i++)
      await new Promise((resolve) => setTimeout(resolve, 25))
    expect(
      fromImport()
        .map((e) => [e.type, e.data.postId])
        .sort(),
    ).toEqual(ids.map((id) => ['post.submitted', id]).sort())
  })
})

describe('requiresApproval on create, where the workspace needs none', () => {
  it('holds a draft until it is submitted, then for the approver', async () => {
    const { post } = await createPost(
      env.b.keys.editor,
      { schedule: { type: 'draft' }, requiresApproval: true },
      env.b.accounts,
    )
    expect(post).toMatchObject({ status: 'DRAFT', approvalStatus: 'pending' })
    expect((await call('POST', `/v1/posts/${post.id}/publish`, env.b.keys.editor)).statusCode).toBe(
      409,
    )
    const submitted = await call('POST', `/v1/posts/${post.id}/submit`, env.b.keys.editor, {})
    expect(submitted.statusCode, submitted.body).toBe(200)
    expect(submitted.json().post).toMatchObject({
      status: 'IN_REVIEW',
      approvalStatus: 'in_review',
    })
    // Without a time, the approval leaves an approved draft that then publishes normally.
    const approved = await call('POST', `/v1/posts/${post.id}/approve`, env.b.keys.owner, {})
    expect(approved.json().post).toMatchObject({ status: 'DRAFT', approvalStatus: 'approved' })
    expect((await call('POST', `/v1/posts/${post.id}/publish`, env.b.keys.editor)).statusCode).toBe(
      200,
    )
  })

  it('posts without it schedule as before', async () => {
    const { post, jobIds } = await createPost(env.b.keys.editor, {}, env.b.accounts)
    expect(post).toMatchObject({ status: 'SCHEDULED', approvalStatus: 'not_required' })
    expect(jobIds).toHaveLength(2)
  })
})

describe('isApprover', () => {
  const principal = (role: Principal['role'], userId?: string): Principal => ({
    kind: 'session',
    workspaceId: 'w',
    role,
    actor: `user:${userId}`,
    ...(userId ? { userId } : {}),
  })
  it('lets the role and above approve, and the named people whatever their role', () => {
    const policy = { required: true, approverRole: 'editor' as const, approverUserIds: ['u-named'] }
    expect(isApprover(policy, principal('owner'))).toBe(true)
    expect(isApprover(policy, principal('editor'))).toBe(true)
    expect(isApprover(policy, principal('viewer', 'u-other'))).toBe(false)
    expect(isApprover(policy, principal('viewer', 'u-named'))).toBe(true)
  })
})
