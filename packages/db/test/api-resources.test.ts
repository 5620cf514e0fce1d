import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LastOwnerError } from '../src/index.js'
import { createTestDatabase, type TestDatabase } from '../src/testing.js'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t.drop()
})

async function workspace(name: string) {
  const owner = await t.db.users.createUser({ email: `${name}@example.com` })
  const ws = await t.db.workspaces.createWorkspace({ name, ownerUserId: owner.id })
  return { owner, ws }
}

describe('idempotency records', () => {
  it('lets exactly one of concurrent requests with one key run; the others see its record', async () => {
    const { ws } = await workspace('idem')
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.db.idempotency.reserve({ workspaceId: ws.id, key: 'k1', requestHash: 'h' }),
      ),
    )
    expect(results.filter((r) => r.reserved)).toHaveLength(1)
    expect(
      results.filter((r) => !r.reserved).every((r) => !r.reserved && r.existing.statusCode === 0),
    ).toBe(true)
    await t.db.idempotency.complete({
      workspaceId: ws.id,
      key: 'k1',
      statusCode: 201,
      response: { ok: true },
    })
    const replay = await t.db.idempotency.reserve({
      workspaceId: ws.id,
      key: 'k1',
      requestHash: 'h',
    })
    expect(replay).toEqual({
      reserved: false,
      existing: expect.objectContaining({ statusCode: 201, response: { ok: true } }),
    })
  })

  it('forgets a key after 24 hours', async () => {
    const { ws } = await workspace('idem-old')
    await t.db.idempotency.reserve({ workspaceId: ws.id, key: 'k', requestHash: 'a' })
    const later = new Date(Date.now() + 24 * 3_600_000 + 1000)
    expect(
      await t.db.idempotency.reserve({
        workspaceId: ws.id,
        key: 'k',
        requestHash: 'b',
        now: later,
      }),
    ).toEqual({ reserved: true })
  })
})

describe('changeMember', () => {
  it('never leaves a workspace without an owner, even when two owners step down at once', async () => {
    const { owner, ws } = await workspace('owners')
    const second = await t.db.users.createUser({ email: 'second-owner@example.com' })
    await t.db.workspaces.setMember({ workspaceId: ws.id, userId: second.id, role: 'owner' })
    const results = await Promise.allSettled([
      t.db.workspaces.changeMember({ workspaceId: ws.id, userId: owner.id, role: 'editor' }),
      t.db.workspaces.changeMember({ workspaceId: ws.id, userId: second.id, role: null }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(rejected.reason).toBeInstanceOf(LastOwnerError)
    const owners = (await t.db.workspaces.listMembers(ws.id)).filter((m) => m.role === 'owner')
    expect(owners).toHaveLength(1)
  })
})

describe('one-time tokens', () => {
  it('an OAuth state is consumed once and not after it expires', async () => {
    const { ws } = await workspace('oauth')
    const base = {
      workspaceId: ws.id,
      platform: 'linkedin' as const,
      codeVerifier: 'v',
      redirectUri: 'https://x/cb',
      createdBy: 'user:1',
    }
    await t.db.oauthStates.saveState({
      ...base,
      state: 's1',
      expiresAt: new Date(Date.now() + 60_000),
    })
    const [a, b] = await Promise.all([
      t.db.oauthStates.consumeState('s1'),
      t.db.oauthStates.consumeState('s1'),
    ])
    expect([a, b].filter(Boolean)).toEqual([expect.objectContaining({ codeVerifier: 'v' })])
    await t.db.oauthStates.saveState({ ...base, state: 's2', expiresAt: new Date(Date.now() - 1) })
    expect(await t.db.oauthStates.consumeState('s2')).toBeNull()
  })

  it('an invitation is accepted once, never after it expires, and never demotes a member', async () => {
    const { owner, ws } = await workspace('invite')
    const user = await t.db.users.createUser({ email: 'invitee@example.com' })
    const { token } = await t.db.invitations.createInvitation({
      workspaceId: ws.id,
      email: 'Invitee@example.com',
      role: 'viewer',
      expiresAt: new Date(Date.now() + 60_000),
    })
    expect(await t.db.invitations.acceptInvitation({ token, userId: user.id })).toMatchObject({
      email: 'invitee@example.com',
    })
    expect(await t.db.invitations.acceptInvitation({ token, userId: user.id })).toBeNull()
    const late = await t.db.invitations.createInvitation({
      workspaceId: ws.id,
      email: 'x@example.com',
      role: 'viewer',
      expiresAt: new Date(Date.now() - 1),
    })
    expect(
      await t.db.invitations.acceptInvitation({ token: late.token, userId: user.id }),
    ).toBeNull()
    const mine = await t.db.invitations.createInvitation({
      workspaceId: ws.id,
      email: 'o@example.com',
      role: 'viewer',
      expiresAt: new Date(Date.now() + 60_000),
    })
    await t.db.invitations.acceptInvitation({ token: mine.token, userId: owner.id })
    expect(await t.db.workspaces.getRole({ workspaceId: ws.id, userId: owner.id })).toBe('owner')
  })
})

describe('inbound webhook events', () => {
  it('are listed until processed, and processed once', async () => {
    const { id } = await t.db.webhooks.storeInboundEvent({
      platform: 'telegram',
      body: { update_id: 1 },
    })
    expect((await t.db.webhooks.listUnprocessedInboundEvents()).map((e) => e.id)).toContain(id)
    expect(await t.db.webhooks.markInboundEventProcessed(id)).toBe(true)
    expect(await t.db.webhooks.markInboundEventProcessed(id)).toBe(false)
    expect((await t.db.webhooks.listUnprocessedInboundEvents()).map((e) => e.id)).not.toContain(id)
  })
})
