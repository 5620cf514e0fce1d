import { authenticateUser } from '@statex/db'
import { encode } from 'next-auth/jwt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SESSION_SECRET, bearer, setup } from './fixtures.js'

const DASHBOARD = '10.0.0.7'

let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  env = await setup('sign-up', {
    trustedProxies: [DASHBOARD],
    signUpsPerHour: 4,
    signInAttemptsPerHour: 3,
  })
})
afterAll(async () => {
  await env.close()
})

const session = (userId: string) =>
  encode({ token: { sub: userId }, secret: SESSION_SECRET, maxAge: 3600 })

/** A request as the dashboard forwards it: from its address, for a client's address. */
const viaDashboard = (client: string) => ({
  remoteAddress: DASHBOARD,
  headers: { 'x-forwarded-for': client },
})

describe('sign-up', () => {
  it('creates the person and a workspace they own; they sign in and see it among theirs', async () => {
    const answer = await env.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-up',
      ...viaDashboard('203.0.113.1'),
      payload: { email: 'Lin@Example.com', password: 'a fine long passphrase', name: 'Lin' },
    })
    expect(answer.statusCode, answer.body).toBe(201)
    const { user, workspace } = answer.json()
    expect(user).toMatchObject({ email: 'lin@example.com', name: 'Lin' })
    expect(workspace).toMatchObject({ name: "Lin's workspace", role: 'owner' })
    const options = await env.app.inject({ method: 'GET', url: '/v1/auth/options' })
    expect(options.json()).toEqual({ signUp: true })
    expect(answer.body).not.toContain('passphrase')
    expect(
      await authenticateUser(env.db, {
        email: 'lin@example.com',
        password: 'a fine long passphrase',
      }),
    ).toMatchObject({ id: user.id })

    const token = await session(user.id)
    const mine = await env.app.inject({
      method: 'GET',
      url: '/v1/me/workspaces',
      headers: bearer(token),
    })
    expect(mine.json()).toEqual({ data: [workspace] })
  })

  it('says the email is taken, and why a password is weak, on the field', async () => {
    const taken = await env.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-up',
      ...viaDashboard('203.0.113.1'),
      payload: { email: 'LIN@example.com', password: 'another fine passphrase' },
    })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().error).toMatchObject({
      code: 'EMAIL_TAKEN',
      details: [{ path: 'body.email' }],
    })
    const weak = await env.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-up',
      ...viaDashboard('203.0.113.1'),
      payload: { email: 'new@example.com', password: 'short' },
    })
    expect(weak.statusCode).toBe(422)
    expect(weak.json().error).toEqual({
      code: 'WEAK_PASSWORD',
      message: 'A password needs at least 10 characters; this one has 5.',
      details: [
        {
          path: 'body.password',
          message: 'A password needs at least 10 characters; this one has 5.',
        },
      ],
    })
    expect(await env.db.users.getUserByEmail('new@example.com')).toBeNull()
  })

  it('is limited per client address the dashboard forwards, not per dashboard', async () => {
    // 203.0.113.1 spent 3 of its 4 above.
    const statuses: number[] = []
    for (let i = 0; i < 2; i += 1) {
      const answer = await env.app.inject({
        method: 'POST',
        url: '/v1/auth/sign-up',
        ...viaDashboard('203.0.113.1'),
        payload: { email: `burst${i}@example.com`, password: 'a fine long passphrase' },
      })
      statuses.push(answer.statusCode)
    }
    expect(statuses).toEqual([201, 429])
    const other = await env.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-up',
      ...viaDashboard('203.0.113.2'),
      payload: { email: 'neighbour@example.com', password: 'a fine long passphrase' },
    })
    expect(other.statusCode, other.body).toBe(201)
  })
})

describe('the client address behind the dashboard', () => {
  it('counts failed sign-ins per forwarded client: one guesser does not lock out the others', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 21; i += 1) {
      const answer = await env.app.inject({
        method: 'GET',
        url: '/v1/posts',
        remoteAddress: DASHBOARD,
        headers: { 'x-forwarded-for': '198.51.100.66', ...bearer(`stale-session-${i}`) },
      })
      statuses.push(answer.statusCode)
    }
    expect(statuses.at(-1)).toBe(429)
    const token = await session(env.a.ownerId)
    const colleague = await env.app.inject({
      method: 'GET',
      url: '/v1/posts',
      remoteAddress: DASHBOARD,
      headers: { 'x-forwarded-for': '198.51.100.67', ...bearer(token) },
    })
    expect(colleague.statusCode, colleague.body).toBe(200)
  })

  it('ignores X-Forwarded-For from anyone but a trusted proxy: a guesser cannot pose as others', async () => {
    const guesser = '192.0.2.50'
    const statuses: number[] = []
    for (let i = 0; i < 21; i += 1) {
      const answer = await env.app.inject({
        method: 'GET',
        url: '/v1/posts',
        remoteAddress: guesser,
        headers: { 'x-forwarded-for': `203.0.113.${100 + i}`, ...bearer(`stx_guess${i}`) },
      })
      statuses.push(answer.statusCode)
    }
    expect(statuses.at(-1)).toBe(429)
  })
})

describe("the signed-in person's workspaces", () => {
  it('creates another workspace they own, and the header chooses it', async () => {
    const token = await session(env.a.ownerId)
    const created = await env.app.inject({
      method: 'POST',
      url: '/v1/me/workspaces',
      headers: bearer(token),
      payload: { name: 'Client B' },
    })
    expect(created.statusCode, created.body).toBe(201)
    const second = created.json()
    const list = await env.app.inject({
      method: 'GET',
      url: '/v1/me/workspaces',
      headers: bearer(token),
    })
    expect(list.json().data.map((w: { id: string }) => w.id)).toEqual([
      env.a.workspaceId,
      second.id,
    ])
    const chosen = await env.app.inject({
      method: 'GET',
      url: '/v1/workspace',
      headers: { ...bearer(token), 'x-statex-workspace': second.id },
    })
    expect(chosen.json()).toMatchObject({ id: second.id, name: 'Client B', role: 'owner' })
    const keyCaller = await env.app.inject({
      method: 'GET',
      url: '/v1/me/workspaces',
      headers: bearer(env.a.keys.owner),
    })
    expect(keyCaller.statusCode).toBe(401)
  })

  it("puts a new workspace's posting slots in the zone given, and says how to write one", async () => {
    const token = await session(env.a.ownerId)
    const create = (payload: Record<string, unknown>) =>
      env.app.inject({ method: 'POST', url: '/v1/me/workspaces', headers: bearer(token), payload })
    const created = await create({ name: 'Prague office', timeZone: 'Europe/Prague' })
    expect(created.statusCode, created.body).toBe(201)
    const slots = await env.app.inject({
      method: 'GET',
      url: '/v1/workspace/slots',
      headers: { ...bearer(token), 'x-statex-workspace': created.json().id },
    })
    expect(slots.json().timeZone).toBe('Europe/Prague')
    const wrong = await create({ name: 'Nowhere', timeZone: 'Mars/Olympus' })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().error.details).toEqual([
      expect.objectContaining({
        path: 'body.timeZone',
        message: 'must be an IANA time zone, e.g. Europe/Prague',
      }),
    ])
  })
})

describe('the password check behind the dashboard sign-in', () => {
  const check = (client: string, email: string, password: string) =>
    env.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      ...viaDashboard(client),
      payload: { email, password },
    })

  it('says who matches, the same refusal for a wrong password and an unknown email, and limits each address', async () => {
    const ok = await check('203.0.113.40', 'LIN@example.com', 'a fine long passphrase')
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().user).toMatchObject({ email: 'lin@example.com', name: 'Lin' })
    const wrong = await check('203.0.113.40', 'lin@example.com', 'not the passphrase')
    const unknown = await check('203.0.113.40', 'nobody@example.com', 'a fine long passphrase')
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401])
    expect(wrong.json().error.message).toBe('That email and password do not match an account.')
    expect(unknown.json().error).toEqual(wrong.json().error)

    const limited = await check('203.0.113.40', 'lin@example.com', 'a fine long passphrase')
    expect(limited.statusCode).toBe(429)
    expect(limited.json().error.message).toMatch(/^Too many sign-in attempts from this address/)
    const neighbour = await check('203.0.113.41', 'lin@example.com', 'a fine long passphrase')
    expect(neighbour.statusCode).toBe(200)
  })
})
