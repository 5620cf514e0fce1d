import { authenticateUser } from '@statex/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setup } from './fixtures.js'

// A private install: SIGNUP_ENABLED=false. Only an invitation lets a new person in.
let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  env = await setup('sign-up-closed', { signUpEnabled: false })
})
afterAll(async () => {
  await env.close()
})

const invite = async (email: string, role: 'viewer' | 'editor' | 'owner' = 'editor') =>
  env.db.invitations.createInvitation({
    workspaceId: env.a.workspaceId,
    email,
    role,
    expiresAt: new Date(Date.now() + 3_600_000),
  })

describe('sign-up turned off', () => {
  it('tells the dashboard so before anyone signs in', async () => {
    const answer = await env.app.inject({ method: 'GET', url: '/v1/auth/options' })
    expect(answer.statusCode).toBe(200)
    expect(answer.json()).toEqual({ signUp: false })
  })

  it('refuses a sign-up without an invitation with what to do, and creates nobody', async () => {
    const answer = await env.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-up',
      payload: { email: 'stranger@example.com', password: 'a fine long passphrase' },
    })
    expect(answer.statusCode).toBe(403)
    expect(answer.json().error).toEqual({
      code: 'SIGNUP_DISABLED',
      message: 'Sign-up is turned off on this server; ask a workspace owner for an invitation.',
    })
    expect(await env.db.users.getUserByEmail('stranger@example.com')).toBeNull()
  })

  it('lets an invited person create an account through the invitation: they join that workspace, not one of their own', async () => {
    const { token } = await invite('mira@example.com', 'editor')
    const answer = await env.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-up',
      payload: {
        email: 'mira@example.com',
        password: 'a fine long passphrase',
        name: 'Mira',
        invitationToken: token,
      },
    })
    expect(answer.statusCode, answer.body).toBe(201)
    const { user, workspace } = answer.json()
    expect(workspace).toMatchObject({ id: env.a.workspaceId, role: 'editor' })
    expect(await env.db.workspaces.listWorkspacesForUser(user.id)).toEqual([
      expect.objectContaining({ id: env.a.workspaceId, role: 'editor' }),
    ])
    expect(
      await authenticateUser(env.db, {
        email: 'mira@example.com',
        password: 'a fine long passphrase',
      }),
    ).toMatchObject({ id: user.id })

    // The token is spent: a second account cannot ride on it.
    const again = await env.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-up',
      payload: {
        email: 'other@example.com',
        password: 'a fine long passphrase',
        invitationToken: token,
      },
    })
    expect(again.statusCode).toBe(410)
    expect(again.json().error).toMatchObject({
      code: 'INVITATION_INVALID',
      details: [{ path: 'body.invitationToken' }],
    })
    expect(await env.db.users.getUserByEmail('other@example.com')).toBeNull()
  })

  it('refuses an unknown invitation token without creating the person', async () => {
    const answer = await env.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-up',
      payload: {
        email: 'guess@example.com',
        password: 'a fine long passphrase',
        invitationToken: 'inv_not-a-real-one',
      },
    })
    expect(answer.statusCode).toBe(410)
    expect(await env.db.users.getUserByEmail('guess@example.com')).toBeNull()
  })
})
