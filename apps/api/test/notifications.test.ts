import { NOTIFICATION_EMAIL_QUEUE, notificationEmailJobId } from '@statex/jobs'
import { Queue } from 'bullmq'
import { encode } from 'next-auth/jwt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { SESSION_SECRET, bearer, postBody, sandboxProviders, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
let app: Awaited<ReturnType<typeof buildApp>>
let emails: Queue
let editorId: string
beforeAll(async () => {
  env = await setup('notifications')
  emails = new Queue(NOTIFICATION_EMAIL_QUEUE, { connection: env.redis, prefix: env.prefix })
  // The same app as setup's, with the notification email queue the API adds to.
  app = await buildApp({
    config: {
      logLevel: 'silent',
      nextauthSecret: SESSION_SECRET,
      queuePrefix: env.prefix,
      rateLimitPerMinute: 100_000,
    },
    db: env.db,
    redis: env.redis,
    providers: sandboxProviders(),
    queues: env.queues,
    notificationQueue: emails,
  })
  const editor = await env.db.users.createUser({ email: 'notify-editor@example.com', name: 'Ed' })
  editorId = editor.id
  await env.db.workspaces.setMember({
    workspaceId: env.a.workspaceId,
    userId: editor.id,
    role: 'editor',
  })
})
afterAll(async () => {
  await app?.close()
  await emails?.close()
  await env?.close()
})

const session = (userId: string) =>
  encode({ token: { sub: userId, email: 'x@example.com' }, secret: SESSION_SECRET, maxAge: 3600 })

async function call(method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: unknown) {
  return app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) })
}

describe('notifications API', () => {
  it('tells the approvers once when a post goes into review, never the editor who sent it', async () => {
    const owner = await session(env.a.ownerId)
    const editor = await session(editorId)
    await call('PUT', '/v1/workspace/approvals', owner, {
      required: true,
      approverRole: 'owner',
      approverUserIds: [],
    })
    const created = await call('POST', '/v1/posts', editor, postBody(env.a.accounts))
    expect(created.statusCode, created.body).toBe(201)
    const postId = created.json().post.id as string
    expect(created.json().post.approvalStatus).toBe('in_review')

    const bell = await call('GET', '/v1/notifications', owner)
    expect(bell.statusCode, bell.body).toBe(200)
    expect(bell.headers['cache-control']).toBe('no-store')
    const page = bell.json() as { data: Record<string, unknown>[]; unread: number }
    expect(page.unread).toBe(1)
    expect(page.data[0]).toMatchObject({
      kind: 'approval_waiting',
      title: 'A post waits for your approval',
      link: `/posts?post=${postId}`,
      postId,
      readAt: null,
    })
    expect((await call('GET', '/v1/notifications', editor)).json().unread).toBe(0)
    // Its email was queued for the worker, under the notification's id.
    const job = await emails.getJob(notificationEmailJobId(page.data[0]!.id as string))
    expect(job?.data).toEqual({ notificationId: page.data[0]!.id })
    await call('PUT', '/v1/workspace/approvals', owner, { required: false })
  })

  it('pages, marks read one and then all, and answers a bad body with what to fix', async () => {
    const owner = await session(env.b.ownerId)
    for (const key of ['x1', 'x2', 'x3'])
      await env.db.notifications.notify({
        workspaceId: env.b.workspaceId,
        kind: 'post_failed',
        title: `Failed ${key}`,
        body: 'no',
        dedupKey: key,
        userIds: [env.b.ownerId],
      })
    const first = (await call('GET', '/v1/notifications?limit=2', owner)).json()
    expect(first.data.map((n: { title: string }) => n.title)).toEqual(['Failed x3', 'Failed x2'])
    const second = (
      await call('GET', `/v1/notifications?limit=2&before=${first.nextCursor}`, owner)
    ).json()
    expect(second.data.map((n: { title: string }) => n.title)).toEqual(['Failed x1'])
    const one = await call('POST', '/v1/notifications/read', owner, { ids: [first.data[0].id] })
    expect(one.json()).toEqual({ marked: 1, unread: 2 })
    const unreadOnly = (await call('GET', '/v1/notifications?unread=true', owner)).json()
    expect(unreadOnly.data).toHaveLength(2)
    expect((await call('POST', '/v1/notifications/read', owner, { all: true })).json()).toEqual({
      marked: 2,
      unread: 0,
    })
    const bad = await call('POST', '/v1/notifications/read', owner, {
      ids: [first.data[0].id],
      all: true,
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('VALIDATION_FAILED')
  })

  it('reads and changes preferences per kind, refusing kinds it does not know', async () => {
    const owner = await session(env.a.ownerId)
    const before = (await call('GET', '/v1/notifications/preferences', owner)).json()
    expect(before.post_failed).toEqual({ inApp: true, email: true })
    expect(before.digest).toEqual({ inApp: false, email: true })
    const put = await call('PUT', '/v1/notifications/preferences', owner, {
      digest: { inApp: true, email: false },
    })
    expect(put.statusCode, put.body).toBe(200)
    expect(put.json()).toMatchObject({
      digest: { inApp: true, email: false },
      post_failed: before.post_failed,
    })
    const wrong = await call('PUT', '/v1/notifications/preferences', owner, {
      post_exploded: { inApp: true, email: true },
    })
    expect(wrong.statusCode).toBe(400)
  })

  it('belongs to a person: an API key is told to sign in', async () => {
    const response = await call('GET', '/v1/notifications', env.a.keys.owner)
    expect(response.statusCode).toBe(403)
    expect(response.json().error.code).toBe('PERSON_REQUIRED')
  })
})
