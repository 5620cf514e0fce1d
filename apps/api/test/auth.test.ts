import { encode } from 'next-auth/jwt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { SESSION_SECRET, bearer, sandboxProviders, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  env = await setup('auth')
})
afterAll(async () => {
  await env.close()
})

/** A session token exactly as the dashboard's next-auth makes it. */
const session = (userId: string, secret = SESSION_SECRET, maxAge = 3600) =>
  encode({ token: { sub: userId, email: 'x@example.com' }, secret, maxAge })

describe('the dashboard session', () => {
  it('is accepted as a bearer token and as the next-auth cookie', async () => {
    const token = await session(env.a.ownerId)
    const viaHeader = await env.app.inject({
      method: 'GET',
      url: '/v1/workspace',
      headers: bearer(token),
    })
    expect(viaHeader.statusCode, viaHeader.body).toBe(200)
    expect(viaHeader.json()).toMatchObject({ id: env.a.workspaceId, role: 'owner' })
    const viaCookie = await env.app.inject({
      method: 'GET',
      url: '/v1/workspace',
      headers: { cookie: `other=1; next-auth.session-token=${token}` },
    })
    expect(viaCookie.statusCode).toBe(200)
  })

  it('chooses the workspace by header; one the user is not in is 404', async () => {
    const token = await session(env.a.ownerId)
    const mine = await env.app.inject({
      method: 'GET',
      url: '/v1/workspace',
      headers: { ...bearer(token), 'x-statex-workspace': env.a.workspaceId },
    })
    expect(mine.statusCode).toBe(200)
    const theirs = await env.app.inject({
      method: 'GET',
      url: '/v1/posts',
      headers: { ...bearer(token), 'x-statex-workspace': env.b.workspaceId },
    })
    expect(theirs.statusCode).toBe(404)
  })

  it('refuses a token signed with another secret, and an expired one', async () => {
    const forged = await session(env.a.ownerId, 'another-secret-that-is-32-characters-long')
    expect(
      (await env.app.inject({ method: 'GET', url: '/v1/workspace', headers: bearer(forged) }))
        .statusCode,
    ).toBe(401)
    const expired = await session(env.a.ownerId, SESSION_SECRET, -120)
    expect(
      (await env.app.inject({ method: 'GET', url: '/v1/workspace', headers: bearer(expired) }))
        .statusCode,
    ).toBe(401)
  })
})

describe('API keys', () => {
  it('are shown once, stored hashed, record their last use, and stop working when revoked', async () => {
    const created = await env.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(env.a.keys.owner),
      payload: { name: 'n8n', role: 'viewer' },
    })
    expect(created.statusCode).toBe(201)
    const { apiKey, key } = created.json()
    expect(key).toMatch(/^stx_/)
    expect(key.startsWith(apiKey.prefix)).toBe(true)
    expect(
      (await env.app.inject({ method: 'GET', url: '/v1/posts', headers: bearer(key) })).statusCode,
    ).toBe(200)
    const list = await env.app.inject({
      method: 'GET',
      url: '/v1/api-keys',
      headers: bearer(env.a.keys.owner),
    })
    expect(list.body).not.toContain(key)
    const listed = list.json().data.find((k: { id: string }) => k.id === apiKey.id)
    expect(listed.lastUsedAt).not.toBeNull()
    // A viewer key cannot write.
    expect(
      (
        await env.app.inject({
          method: 'POST',
          url: '/v1/posts/validate',
          headers: bearer(key),
          payload: {},
        })
      ).statusCode,
    ).toBe(400)
    expect(
      (
        await env.app.inject({
          method: 'DELETE',
          url: `/v1/api-keys/${apiKey.id}`,
          headers: bearer(env.b.keys.owner),
        })
      ).statusCode,
    ).toBe(404)
    expect(
      (
        await env.app.inject({
          method: 'DELETE',
          url: `/v1/api-keys/${apiKey.id}`,
          headers: bearer(env.a.keys.owner),
        })
      ).statusCode,
    ).toBe(204)
    expect(
      (await env.app.inject({ method: 'GET', url: '/v1/posts', headers: bearer(key) })).statusCode,
    ).toBe(401)
  })

  it('are managed by owners only', async () => {
    for (const role of ['editor', 'viewer'] as const) {
      const response = await env.app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: bearer(env.a.keys[role]),
        payload: { name: 'x' },
      })
      expect(response.statusCode).toBe(403)
    }
    expect((await env.app.inject({ method: 'GET', url: '/v1/api-keys' })).statusCode).toBe(401)
    const invalid = await env.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: bearer(env.a.keys.owner),
      payload: { name: '', role: 'god' },
    })
    expect(invalid.statusCode).toBe(400)
    expect(
      invalid
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body.name', 'body.role'])
  })
})

describe('members and invitations', () => {
  it('never leaves a workspace without an owner', async () => {
    const token = await session(env.a.ownerId)
    const demote = await env.app.inject({
      method: 'PATCH',
      url: `/v1/workspace/members/${env.a.ownerId}`,
      headers: bearer(token),
      payload: { role: 'editor' },
    })
    expect(demote.statusCode).toBe(409)
    expect(demote.json().error.code).toBe('LAST_OWNER')
    const remove = await env.app.inject({
      method: 'DELETE',
      url: `/v1/workspace/members/${env.a.ownerId}`,
      headers: bearer(token),
    })
    expect(remove.statusCode).toBe(409)
    expect(
      await env.db.workspaces.getRole({ workspaceId: env.a.workspaceId, userId: env.a.ownerId }),
    ).toBe('owner')
  })

  it('invites by a one-time link; the invitee joins with the invited role; owners change and remove members', async () => {
    const ownerToken = await session(env.a.ownerId)
    const invited = await env.app.inject({
      method: 'POST',
      url: '/v1/workspace/invitations',
      headers: bearer(ownerToken),
      payload: { email: 'new@example.com', role: 'editor' },
    })
    expect(invited.statusCode).toBe(201)
    const user = await env.db.users.createUser({ email: 'new@example.com' })
    const userToken = await session(user.id)
    // Not a member yet: no workspace to act in.
    expect(
      (await env.app.inject({ method: 'GET', url: '/v1/posts', headers: bearer(userToken) }))
        .statusCode,
    ).toBe(403)
    const accept = await env.app.inject({
      method: 'POST',
      url: '/v1/invitations/accept',
      headers: bearer(userToken),
      payload: { token: invited.json().token },
    })
    expect(accept.statusCode, accept.body).toBe(200)
    expect(accept.json()).toEqual({ workspaceId: env.a.workspaceId, role: 'editor' })
    const reuse = await env.app.inject({
      method: 'POST',
      url: '/v1/invitations/accept',
      headers: bearer(userToken),
      payload: { token: invited.json().token },
    })
    expect(reuse.statusCode).toBe(404)
    // An API key cannot accept invitations.
    expect(
      (
        await env.app.inject({
          method: 'POST',
          url: '/v1/invitations/accept',
          headers: bearer(env.a.keys.owner),
          payload: { token: 'x' },
        })
      ).statusCode,
    ).toBe(401)

    const members = await env.app.inject({
      method: 'GET',
      url: '/v1/workspace/members',
      headers: bearer(env.a.keys.viewer),
    })
    expect(members.json().data.map((m: { email: string }) => m.email)).toContain('new@example.com')
    // An editor cannot change roles; the owner can.
    expect(
      (
        await env.app.inject({
          method: 'PATCH',
          url: `/v1/workspace/members/${env.a.ownerId}`,
          headers: bearer(userToken),
          payload: { role: 'viewer' },
        })
      ).statusCode,
    ).toBe(403)
    const promote = await env.app.inject({
      method: 'PATCH',
      url: `/v1/workspace/members/${user.id}`,
      headers: bearer(ownerToken),
      payload: { role: 'owner' },
    })
    expect(promote.json()).toEqual({ userId: user.id, role: 'owner' })
    // Two owners now: one may step down.
    const stepDown = await env.app.inject({
      method: 'PATCH',
      url: `/v1/workspace/members/${env.a.ownerId}`,
      headers: bearer(userToken),
      payload: { role: 'editor' },
    })
    expect(stepDown.statusCode).toBe(200)
    // A member of another workspace is not found here.
    const foreign = await env.app.inject({
      method: 'DELETE',
      url: `/v1/workspace/members/${env.b.ownerId}`,
      headers: bearer(userToken),
    })
    expect(foreign.statusCode).toBe(404)
  })
})

describe('rate limits', () => {
  it('sends the standard RateLimit headers and answers 429 past the limit, per key', async () => {
    const app = await buildApp({
      config: { logLevel: 'silent', queuePrefix: `${env.prefix}-rl`, rateLimitPerMinute: 3 },
      db: env.db,
      redis: env.redis,
      providers: sandboxProviders(),
      queues: env.queues,
    })
    try {
      const statuses: number[] = []
      let last
      for (let i = 0; i < 4; i += 1) {
        last = await app.inject({
          method: 'GET',
          url: '/v1/platforms',
          headers: bearer(env.a.keys.viewer),
        })
        statuses.push(last.statusCode)
      }
      expect(statuses).toEqual([200, 200, 200, 429])
      expect(last!.headers['ratelimit-limit']).toBe('3')
      expect(last!.headers['ratelimit-remaining']).toBe('0')
      expect(last!.json().error.code).toBe('RATE_LIMITED')
      // Another key has its own budget.
      const other = await app.inject({
        method: 'GET',
        url: '/v1/platforms',
        headers: bearer(env.a.keys.editor),
      })
      expect(other.statusCode).toBe(200)
    } finally {
      await app.close()
    }
  })

  it('throttles key guessing: after 20 bad keys from one address an unverified good key waits too', async () => {
    // Earlier tests in this file already spent a few failures from this address.
    const statuses: number[] = []
    for (let i = 0; i < 21; i += 1) {
      const response = await env.app.inject({
        method: 'GET',
        url: '/v1/posts',
        headers: bearer(`stx_guess${i}`),
      })
      statuses.push(response.statusCode)
    }
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20)
    expect(statuses.at(-1)).toBe(429)
    // A key not verified recently waits too; one in use moments ago keeps working.
    const fresh = (
      await env.db.apiKeys.createApiKey({
        workspaceId: env.a.workspaceId,
        name: 'fresh',
        role: 'viewer',
      })
    ).plaintext
    const blocked = await env.app.inject({
      method: 'GET',
      url: '/v1/posts',
      headers: bearer(fresh),
    })
    expect(blocked.statusCode).toBe(429)
    expect(blocked.headers['retry-after']).toBe('60')
  })
})
