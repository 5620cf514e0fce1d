import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { SERVER_SECRET_HEADER } from '../src/routes/oauth-sign-in.js'
import { SESSION_SECRET, sandboxProviders, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
// The same database behind a private install's API (SIGNUP_ENABLED=false).
let closed: FastifyInstance
beforeAll(async () => {
  env = await setup('oauth-sign-in')
  closed = await buildApp({
    config: {
      logLevel: 'silent',
      nextauthSecret: SESSION_SECRET,
      queuePrefix: env.prefix,
      signUpEnabled: false,
    },
    db: env.db,
    redis: env.redis,
    providers: sandboxProviders(),
    queues: env.queues,
  })
})
afterAll(async () => {
  await closed.close()
  await env.close()
})

const signIn = (
  body: Record<string, unknown>,
  { app = env.app, secret = SESSION_SECRET }: { app?: FastifyInstance; secret?: string } = {},
) =>
  app.inject({
    method: 'POST',
    url: '/v1/auth/oauth-sign-in',
    headers: secret ? { [SERVER_SECRET_HEADER]: secret } : {},
    payload: { provider: 'github', emailVerified: true, ...body },
  })

describe('OAuth sign-in from the dashboard server', () => {
  it('refuses a caller without the shared secret, or with a wrong one', async () => {
    for (const secret of ['', 'not-the-secret-of-the-dashboard-at-all', `${SESSION_SECRET}x`]) {
      const answer = await signIn({ email: 'new-person@example.com' }, { secret })
      expect(answer.statusCode).toBe(401)
      expect(answer.json().error.code).toBe('UNAUTHENTICATED')
      expect(answer.body).not.toContain(SESSION_SECRET)
    }
    expect(await env.db.users.getUserByEmail('new-person@example.com')).toBeNull()
  })

  it('never trusts an email the provider did not verify', async () => {
    const answer = await signIn({ email: 'a-owner@example.com', emailVerified: false })
    expect(answer.statusCode).toBe(422)
    expect(answer.json().error.code).toBe('EMAIL_NOT_VERIFIED')
  })

  it('matches an existing person by email, in any case, without a new workspace', async () => {
    const answer = await signIn({ email: 'OAUTH-SIGN-IN-A-OWNER@example.com', name: 'Other Name' })
    expect(answer.statusCode, answer.body).toBe(200)
    expect(answer.json()).toEqual({
      user: {
        id: env.a.ownerId,
        email: 'oauth-sign-in-a-owner@example.com',
        name: 'oauth-sign-in-a owner',
      },
    })
    expect(await env.db.workspaces.listWorkspacesForUser(env.a.ownerId)).toHaveLength(1)
  })

  it('creates a new person with a workspace they own, once: the second sign-in finds them', async () => {
    const first = await signIn({ email: 'ada@example.com', name: 'Ada', provider: 'google' })
    expect(first.statusCode, first.body).toBe(200)
    const { user } = first.json()
    expect(user).toMatchObject({ email: 'ada@example.com', name: 'Ada' })
    expect(await env.db.workspaces.listWorkspacesForUser(user.id)).toEqual([
      expect.objectContaining({ name: "Ada's workspace", role: 'owner' }),
    ])
    const second = await signIn({ email: 'ada@example.com' })
    expect(second.json().user.id).toBe(user.id)
    expect(await env.db.workspaces.listWorkspacesForUser(user.id)).toHaveLength(1)
    // Signed in through a provider only: no password matches the account.
    const password = await env.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      payload: { email: 'ada@example.com', password: 'anything at all here' },
    })
    expect(password.statusCode).toBe(401)
  })

  it('with sign-up off, lets in existing and invited people only', async () => {
    const stranger = await signIn({ email: 'stranger@example.com' }, { app: closed })
    expect(stranger.statusCode).toBe(403)
    expect(stranger.json().error).toMatchObject({
      code: 'SIGNUP_DISABLED',
      message: 'Sign-up is turned off on this server; ask a workspace owner for an invitation.',
    })
    expect(await env.db.users.getUserByEmail('stranger@example.com')).toBeNull()

    const existing = await signIn({ email: 'oauth-sign-in-b-owner@example.com' }, { app: closed })
    expect(existing.json().user.id).toBe(env.b.ownerId)

    await env.db.invitations.createInvitation({
      workspaceId: env.b.workspaceId,
      email: 'Invited@Example.com',
      role: 'viewer',
      expiresAt: new Date(Date.now() + 3_600_000),
    })
    const invited = await signIn({ email: 'invited@example.com', name: 'Ivo' }, { app: closed })
    expect(invited.statusCode, invited.body).toBe(200)
    // A member of the inviting workspace with the invited role, and no workspace of their own.
    expect(await env.db.workspaces.listWorkspacesForUser(invited.json().user.id)).toEqual([
      expect.objectContaining({ id: env.b.workspaceId, role: 'viewer' }),
    ])
    expect(await env.db.invitations.listInvitations(env.b.workspaceId)).toEqual([])
  })
})
