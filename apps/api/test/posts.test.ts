import { publishJobId } from '@statex/jobs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, postBody, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  env = await setup('posts')
})
afterAll(async () => {
  await env.close()
})

const inject = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  key: string | undefined,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  env.app.inject({
    method,
    url,
    headers: { ...(key ? bearer(key) : {}), ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  })

async function create(extra: Record<string, unknown> = {}, key = env.a.keys.editor) {
  const response = await inject('POST', '/v1/posts', key, postBody(env.a.accounts, extra))
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as {
    post: {
      id: string
      status: string
      targets: { id: string; status: string; platform: string; scheduledAt: string | null }[]
    }
    jobIds: string[]
  }
}

describe('POST /v1/posts', () => {
  it('schedules to every target at an instant, with a deterministic job id per target', async () => {
    const at = new Date(Date.now() + 7_200_000).toISOString()
    const { post, jobIds } = await create({ schedule: { type: 'at', at } })
    expect(post.status).toBe('SCHEDULED')
    expect(post.targets.map((t) => t.platform).sort()).toEqual(['telegram', 'whatsapp'])
    expect(post.targets.every((t) => t.status === 'SCHEDULED' && t.scheduledAt === at)).toBe(true)
    expect(jobIds).toEqual(post.targets.map((t) => publishJobId(t.id)))
    const stored = await env.db.posts.getPostGroup(post.id)
    expect(stored?.targets).toHaveLength(2)
    expect((await env.db.posts.listStatusChanges(post.targets[0]!.id))[0]).toMatchObject({
      to: 'SCHEDULED',
      actor: expect.stringMatching(/^api-key:/),
    })
  })

  it('keeps a draft unscheduled', async () => {
    const { post, jobIds } = await create({ schedule: { type: 'draft' } })
    expect(post.status).toBe('DRAFT')
    expect(jobIds).toEqual([])
  })

  it('publishes now: the publish job is in the queue under publishJobId', async () => {
    const { post, jobIds } = await create({ schedule: { type: 'now' } })
    for (const [i, target] of post.targets.entries()) {
      const job = await env.queues.publish.getJob(jobIds[i]!)
      expect(job?.data).toEqual({ targetId: target.id, reason: 'publish-now' })
    }
  })

  it('puts a post into the next free slot of the workspace, skipping taken ones', async () => {
    await env.app.inject({
      method: 'PUT',
      url: '/v1/workspace/slots',
      headers: bearer(env.a.keys.editor),
      payload: {
        timeZone: 'Europe/Prague',
        slots: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
          { weekday, time: '08:00' },
          { weekday, time: '20:00' },
        ]),
      },
    })
    const first = await create({ schedule: { type: 'next-slot' } })
    const second = await create({ schedule: { type: 'next-slot' } })
    const a = new Date(first.post.targets[0]!.scheduledAt!)
    const b = new Date(second.post.targets[0]!.scheduledAt!)
    expect(b.getTime()).toBeGreaterThan(a.getTime())
    for (const at of [a, b]) {
      const wall = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Prague',
        hour: '2-digit',
        minute: '2-digit',
      }).format(at)
      expect(['08:00', '20:00']).toContain(wall)
    }
  })

  it('applies a per-target override and validates each target with its platform rules, all at once', async () => {
    const long = 'x'.repeat(5000)
    const response = await inject('POST', '/v1/posts', env.a.keys.editor, {
      content: { text: long },
      targets: [{ accountId: env.a.accounts.telegram }, { accountId: env.a.accounts.whatsapp }],
      schedule: { type: 'draft' },
    })
    expect(response.statusCode).toBe(422)
    const error = response.json().error
    expect(error.code).toBe('CONTENT_INVALID')
    const targets = error.details.targets as {
      accountId: string
      platform: string
      problems: { path: string; code: string }[]
    }[]
    expect(targets.map((t) => t.platform).sort()).toEqual(['telegram', 'whatsapp'])
    expect(targets.find((t) => t.platform === 'telegram')!.problems).toContainEqual(
      expect.objectContaining({ path: 'text', code: 'TEXT_TOO_LONG' }),
    )
    // Nothing half-written.
    expect(
      (await env.db.posts.listPostGroups({ workspaceId: env.a.workspaceId, q: long.slice(0, 50) }))
        .items,
    ).toEqual([])

    const fixed = await create({
      content: { text: 'short', options: { whatsapp: { recipients: ['+420600000001'] } } },
      targets: [
        { accountId: env.a.accounts.telegram, override: { text: 'Telegram text' } },
        { accountId: env.a.accounts.whatsapp },
      ],
    })
    const stored = await env.db.posts.getPostGroup(fixed.post.id)
    const telegram = stored!.targets.find((t) => t.accountId === env.a.accounts.telegram)!
    expect(telegram.content.text).toBe('Telegram text')
    expect(telegram.contentOverride).toEqual({ text: 'Telegram text' })
  })

  it('answers schema problems with 400 and every path', async () => {
    const response = await inject('POST', '/v1/posts', env.a.keys.editor, {
      content: { text: 5 },
      targets: [{ accountId: 'nope' }],
      schedule: { type: 'at', at: 'tomorrow' },
    })
    expect(response.statusCode).toBe(400)
    const paths = (response.json().error.details as { path: string }[]).map((d) => d.path)
    expect(paths).toEqual(
      expect.arrayContaining(['body.content.text', 'body.targets.0.accountId', 'body.schedule.at']),
    )
  })

  it('refuses a time in the past with a message saying what to do', async () => {
    const response = await inject(
      'POST',
      '/v1/posts',
      env.a.keys.editor,
      postBody(env.a.accounts, {
        schedule: { type: 'at', at: '2020-01-01T00:00:00Z' },
      }),
    )
    expect(response.statusCode).toBe(422)
    expect(response.json().error.message).toContain('"type": "now"')
  })

  it('needs a key, and the editor role', async () => {
    expect(
      (await inject('POST', '/v1/posts', undefined, postBody(env.a.accounts))).statusCode,
    ).toBe(401)
    expect(
      (await inject('POST', '/v1/posts', 'stx_not-a-key', postBody(env.a.accounts))).statusCode,
    ).toBe(401)
    const viewer = await inject('POST', '/v1/posts', env.a.keys.viewer, postBody(env.a.accounts))
    expect(viewer.statusCode).toBe(403)
    expect(viewer.json().error.code).toBe('FORBIDDEN')
  })

  it("answers 404 for another workspace's account, and stores nothing", async () => {
    const before = (await env.db.posts.listPostGroups({ workspaceId: env.b.workspaceId })).items
      .length
    const response = await inject('POST', '/v1/posts', env.b.keys.editor, postBody(env.a.accounts))
    expect(response.statusCode).toBe(404)
    expect(response.body).not.toContain('channel')
    expect(
      (await env.db.posts.listPostGroups({ workspaceId: env.b.workspaceId })).items.length,
    ).toBe(before)
  })
})

describe('repeating posts', () => {
  it("repeats weekly at the first post's wall-clock time in its zone, and stops with repeat: null", async () => {
    // A Monday 09:30 in Berlin, next year: far enough ahead never to be due during the test.
    const at = '2027-03-22T08:30:00.000Z'
    const { post } = (await create({
      schedule: { type: 'at', at },
      timeZone: 'Europe/Berlin',
      repeat: { weekdays: [1, 4] },
    })) as unknown as { post: { id: string; repeat: unknown; seriesId: string } }
    expect(post.repeat).toEqual({
      weekdays: [1, 4],
      time: '09:30',
      timeZone: 'Europe/Berlin',
      until: null,
    })
    expect(post.seriesId).toBe(post.id)

    const stop = await inject('PATCH', `/v1/posts/${post.id}`, env.a.keys.editor, { repeat: null })
    expect(stop.statusCode, stop.body).toBe(200)
    expect(stop.json().post.repeat).toBeNull()
    const read = await inject('GET', `/v1/posts/${post.id}`, env.a.keys.viewer)
    expect(read.statusCode).toBe(200)
    expect(read.json().post.repeat).toBeNull()
  })

  it('says what to fix in a repeat rule, and stores nothing', async () => {
    const before = await env.db.posts.listPostGroups({ workspaceId: env.a.workspaceId, limit: 100 })
    const bad = await inject(
      'POST',
      '/v1/posts',
      env.a.keys.editor,
      postBody(env.a.accounts, { schedule: { type: 'draft' }, repeat: { weekdays: [1] } }),
    )
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details).toEqual([
      expect.objectContaining({ path: 'body.repeat', message: expect.stringMatching(/schedule/) }),
    ])
    const shape = await inject(
      'POST',
      '/v1/posts',
      env.a.keys.editor,
      postBody(env.a.accounts, {
        schedule: { type: 'at', at: '2027-03-22T08:30:00.000Z' },
        repeat: { weekdays: [0, 1, 1], time: '9am' },
      }),
    )
    expect(shape.statusCode).toBe(400)
    expect(JSON.stringify(shape.json().error.details)).toMatch(/HH:MM/)
    const after = await env.db.posts.listPostGroups({ workspaceId: env.a.workspaceId, limit: 100 })
    expect(after.items.length).toBe(before.items.length)
  })
})

describe('Idempotency-Key', () => {
  it('returns the first answer for the same key and body, and 422 for another body', async () => {
    const body = postBody(env.a.accounts)
    const headers = { 'idempotency-key': 'order-42' }
    const first = await inject('POST', '/v1/posts', env.a.keys.editor, body, headers)
    const again = await inject('POST', '/v1/posts', env.a.keys.editor, body, headers)
    expect(first.statusCode).toBe(201)
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json()).toEqual(first.json())
    const other = await inject(
      'POST',
      '/v1/posts',
      env.a.keys.editor,
      { ...body, schedule: { type: 'draft' } },
      headers,
    )
    expect(other.statusCode).toBe(422)
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    const matching = await env.db.posts.listPostGroups({ workspaceId: env.a.workspaceId })
    expect(matching.items.filter((p) => p.id === first.json().post.id)).toHaveLength(1)
  })

  it('is per workspace: the same key in another workspace is a new request', async () => {
    const headers = { 'idempotency-key': 'shared-key' }
    const a = await inject(
      'POST',
      '/v1/posts',
      env.a.keys.editor,
      postBody(env.a.accounts),
      headers,
    )
    const b = await inject(
      'POST',
      '/v1/posts',
      env.b.keys.editor,
      postBody(env.b.accounts),
      headers,
    )
    expect(a.statusCode).toBe(201)
    expect(b.statusCode).toBe(201)
    expect(b.json().post.id).not.toBe(a.json().post.id)
  })

  it('frees the key when the request failed, so a corrected retry works', async () => {
    const headers = { 'idempotency-key': 'retry-me' }
    const bad = await inject(
      'POST',
      '/v1/posts',
      env.a.keys.editor,
      { ...postBody(env.a.accounts), content: { text: '' } },
      headers,
    )
    expect(bad.statusCode).toBe(422)
    // Same key, same (bad) body again: the key was released, so it is validated again, not replayed.
    const again = await inject(
      'POST',
      '/v1/posts',
      env.a.keys.editor,
      { ...postBody(env.a.accounts), content: { text: '' } },
      headers,
    )
    expect(again.statusCode).toBe(422)
    expect(again.headers['idempotent-replayed']).toBeUndefined()
  })
})

describe('POST /v1/posts/schedule (the design contract)', () => {
  it('schedules to the connected accounts of each platform and answers success, jobIds, scheduledPosts', async () => {
    const scheduledAt = new Date(Date.now() + 600_000).toISOString()
    const response = await inject('POST', '/v1/posts/schedule', env.a.keys.editor, {
      content: 'Launch day',
      platforms: ['telegram'],
      scheduledAt,
      media: ['https://cdn.example.com/launch.jpg'],
    })
    expect(response.statusCode, response.body).toBe(201)
    const body = response.json()
    expect(body.success).toBe(true)
    // Both Telegram accounts of the workspace.
    expect(body.scheduledPosts).toHaveLength(2)
    expect(
      body.scheduledPosts.every(
        (p: { scheduledAt: string; platform: string }) =>
          p.scheduledAt === scheduledAt && p.platform === 'telegram',
      ),
    ).toBe(true)
    expect(body.jobIds).toEqual(body.scheduledPosts.map((p: { id: string }) => publishJobId(p.id)))
    const stored = await env.db.posts.getPostGroup(body.postId)
    expect(stored?.content.media).toEqual([
      { url: 'https://cdn.example.com/launch.jpg', type: 'image' },
    ])
  })

  it('says which platform has no connected account', async () => {
    const response = await inject('POST', '/v1/posts/schedule', env.a.keys.editor, {
      content: 'x',
      platforms: ['telegram', 'linkedin'],
      scheduledAt: new Date(Date.now() + 600_000).toISOString(),
    })
    expect(response.statusCode).toBe(422)
    expect(response.json().error.message).toContain('linkedin')
  })
})

describe('GET /v1/posts', () => {
  it('filters by status, platform, account, text and dates, and pages by cursor', async () => {
    const marker = `needle-${Date.now()}`
    const ids: string[] = []
    for (let i = 0; i < 5; i += 1) {
      const { post } = await create({
        content: {
          text: `${i} ${marker.toUpperCase()}`,
          options: { whatsapp: { recipients: ['+420600000001'] } },
        },
        targets: [{ accountId: env.a.accounts.telegram2 }],
      })
      ids.push(post.id)
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const url: string = `/v1/posts?q=${marker}&limit=2${cursor ? `&cursor=${cursor}` : ''}`
      const page = await inject('GET', url, env.a.keys.viewer)
      expect(page.statusCode, page.body).toBe(200)
      const body = page.json() as { data: { id: string }[]; nextCursor: string | null }
      expect(body.data.length).toBeLessThanOrEqual(2)
      seen.push(...body.data.map((p) => p.id))
      cursor = body.nextCursor
    } while (cursor)
    expect(seen).toEqual([...ids].reverse())

    const byAccount = await inject(
      'GET',
      `/v1/posts?accountId=${env.a.accounts.telegram2}&limit=100`,
      env.a.keys.viewer,
    )
    expect(byAccount.json().data.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(ids),
    )
    const drafts = await inject(
      'GET',
      '/v1/posts?status=DRAFT&platform=whatsapp&limit=100',
      env.a.keys.viewer,
    )
    expect(
      drafts
        .json()
        .data.every((p: { targets: { status: string; platform: string }[] }) =>
          p.targets.some((t) => t.status === 'DRAFT' && t.platform === 'whatsapp'),
        ),
    ).toBe(true)
    const future = await inject(
      'GET',
      `/v1/posts?q=${marker}&from=${encodeURIComponent(new Date(Date.now() + 86_400_000 * 365).toISOString())}`,
      env.a.keys.viewer,
    )
    expect(future.json().data).toEqual([])
  })

  it("never lists another workspace's posts", async () => {
    const { post } = await create()
    const page = await inject('GET', '/v1/posts?limit=100', env.b.keys.viewer)
    expect(page.json().data.map((p: { id: string }) => p.id)).not.toContain(post.id)
  })

  it('rejects a bad filter and a forged cursor with what to fix', async () => {
    const bad = await inject('GET', '/v1/posts?status=LOST&limit=1000', env.a.keys.viewer)
    expect(bad.statusCode).toBe(400)
    expect(
      bad
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['querystring.limit', 'querystring.status.0'])
    const forged = await inject('GET', '/v1/posts?cursor=bm9wZQ', env.a.keys.viewer)
    expect(forged.statusCode).toBe(422)
    expect(forged.json().error.message).toContain('cursor')
  })

  it('needs a key', async () => {
    expect((await inject('GET', '/v1/posts', undefined)).statusCode).toBe(401)
  })
})

describe('GET / PATCH / DELETE /v1/posts/:id', () => {
  it("reads one post; another workspace's id and a malformed id are 404 / 400", async () => {
    const { post } = await create()
    const mine = await inject('GET', `/v1/posts/${post.id}`, env.a.keys.viewer)
    expect(mine.statusCode).toBe(200)
    expect(mine.json().post.id).toBe(post.id)
    const theirs = await inject('GET', `/v1/posts/${post.id}`, env.b.keys.owner)
    expect(theirs.statusCode).toBe(404)
    expect(theirs.body).not.toContain('Hello')
    expect((await inject('GET', '/v1/posts/not-a-uuid', env.a.keys.viewer)).statusCode).toBe(400)
  })

  it('reschedules on edit, unschedules with null, and validates new content per platform', async () => {
    const { post } = await create()
    const later = new Date(Date.now() + 86_400_000).toISOString()
    const moved = await inject('PATCH', `/v1/posts/${post.id}`, env.a.keys.editor, {
      scheduledAt: later,
    })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(
      moved.json().post.targets.every((t: { scheduledAt: string }) => t.scheduledAt === later),
    ).toBe(true)
    const unscheduled = await inject('PATCH', `/v1/posts/${post.id}`, env.a.keys.editor, {
      scheduledAt: null,
    })
    expect(unscheduled.json().post.status).toBe('DRAFT')
    const invalid = await inject('PATCH', `/v1/posts/${post.id}`, env.a.keys.editor, {
      content: { text: 'y'.repeat(5000) },
    })
    expect(invalid.statusCode).toBe(422)
    expect((await env.db.posts.getPostGroup(post.id))!.content.text).toBe('Hello from the API')
    const edited = await inject('PATCH', `/v1/posts/${post.id}`, env.a.keys.editor, {
      content: { text: 'Edited', options: { whatsapp: { recipients: ['+420600000002'] } } },
    })
    expect(edited.statusCode).toBe(200)
    expect(
      (await env.db.posts.getPostGroup(post.id))!.targets.every((t) => t.content.text === 'Edited'),
    ).toBe(true)
    expect(
      (await inject('PATCH', `/v1/posts/${post.id}`, env.a.keys.viewer, { scheduledAt: null }))
        .statusCode,
    ).toBe(403)
    expect(
      (await inject('PATCH', `/v1/posts/${post.id}`, env.b.keys.editor, { scheduledAt: null }))
        .statusCode,
    ).toBe(404)
  })

  it('refuses to edit a post whose targets are all published', async () => {
    const { post } = await create()
    for (const t of post.targets) await markPublished(t.id)
    const response = await inject('PATCH', `/v1/posts/${post.id}`, env.a.keys.editor, {
      scheduledAt: null,
    })
    expect(response.statusCode).toBe(409)
  })

  it('deletes an unpublished post outright', async () => {
    const { post } = await create()
    expect((await inject('DELETE', `/v1/posts/${post.id}`, env.b.keys.owner)).statusCode).toBe(404)
    expect((await inject('DELETE', `/v1/posts/${post.id}`, env.a.keys.viewer)).statusCode).toBe(403)
    const response = await inject('DELETE', `/v1/posts/${post.id}`, env.a.keys.editor)
    expect(response.json()).toEqual({ deleted: true, post: null, notDeleted: [] })
    expect(await env.db.posts.getPostGroup(post.id)).toBeNull()
  })

  it('keeps a published post as the record and says where it could not be deleted', async () => {
    const { post } = await create()
    const whatsapp = post.targets.find((t) => t.platform === 'whatsapp')!
    await markPublished(whatsapp.id)
    const response = await inject('DELETE', `/v1/posts/${post.id}`, env.a.keys.editor)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.deleted).toBe(false)
    expect(body.notDeleted).toEqual([
      { targetId: whatsapp.id, platform: 'whatsapp', reason: expect.stringContaining('by hand') },
    ])
    const telegram = body.post.targets.find((t: { platform: string }) => t.platform === 'telegram')
    expect(telegram.status).toBe('ARCHIVED')
  })
})

async function markPublished(targetId: string) {
  const begun = await env.db.publishing.beginPublishAttempt(targetId)
  if (!begun.started) throw new Error(`could not start ${targetId}: ${begun.status}`)
  await env.db.publishing.finishPublishAttempt(begun.attempt.id, {
    outcome: 'published',
    externalId: `ext-${targetId}`,
    publishedAt: new Date(),
  } as never)
}

async function markFailed(targetId: string) {
  const begun = await env.db.publishing.beginPublishAttempt(targetId)
  if (!begun.started) throw new Error(`could not start ${targetId}`)
  await env.db.publishing.finishPublishAttempt(begun.attempt.id, {
    outcome: 'failed',
    error: { kind: 'invalid_request', outcome: 'not_sent', message: 'refused' },
  } as never)
}

describe('POST /v1/posts/:id/publish, /cancel, /retry', () => {
  it('publish turns drafts into due targets and queues them', async () => {
    const { post } = await create({ schedule: { type: 'draft' } })
    const response = await inject('POST', `/v1/posts/${post.id}/publish`, env.a.keys.editor)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.changed.sort()).toEqual(post.targets.map((t) => t.id).sort())
    expect(body.post.targets.every((t: { status: string }) => t.status === 'SCHEDULED')).toBe(true)
    for (const id of body.jobIds) expect(await env.queues.publish.getJob(id)).toBeTruthy()
    expect(
      (await inject('POST', `/v1/posts/${post.id}/publish`, env.b.keys.editor)).statusCode,
    ).toBe(404)
    expect(
      (await inject('POST', `/v1/posts/${post.id}/publish`, env.a.keys.viewer)).statusCode,
    ).toBe(403)
  })

  it('cancel returns scheduled targets to drafts; a second cancel is 409', async () => {
    const { post } = await create()
    const response = await inject('POST', `/v1/posts/${post.id}/cancel`, env.a.keys.editor)
    expect(response.statusCode).toBe(200)
    expect(response.json().post.status).toBe('DRAFT')
    const again = await inject('POST', `/v1/posts/${post.id}/cancel`, env.a.keys.editor)
    expect(again.statusCode).toBe(409)
  })

  it('retry takes failed targets only, never published ones', async () => {
    const { post } = await create()
    const [telegram, whatsapp] = [
      post.targets.find((t) => t.platform === 'telegram')!,
      post.targets.find((t) => t.platform === 'whatsapp')!,
    ]
    await markFailed(telegram.id)
    await markPublished(whatsapp.id)
    const response = await inject('POST', `/v1/posts/${post.id}/retry`, env.a.keys.editor)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.changed).toEqual([telegram.id])
    expect(body.skipped).toEqual([
      expect.objectContaining({ targetId: whatsapp.id, status: 'PUBLISHED' }),
    ])
    const job = await env.queues.publish.getJob(body.jobIds[0])
    expect(job?.data).toEqual({ targetId: telegram.id, reason: 'retry' })
    expect((await env.db.posts.getPost(whatsapp.id))!.status).toBe('PUBLISHED')
  })
})
