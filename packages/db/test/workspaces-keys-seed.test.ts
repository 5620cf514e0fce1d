import { createHash } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_USER_EMAIL, DEMO_WORKSPACE_SLUG } from '../src/index.js'
import { createTestDatabase } from '../src/testing.js'
import type { TestDatabase } from '../src/testing.js'
import { ownerWithWorkspace } from './fixtures.js'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.drop()
})

async function rows(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: t.databaseUrl })
  await client.connect()
  try {
    return (await client.query(sql, params)).rows
  } finally {
    await client.end()
  }
}

describe('users, workspaces and roles', () => {
  it('makes the creator owner and manages member roles', async () => {
    const { user, workspace } = await ownerWithWorkspace(t.db)
    expect(await t.db.workspaces.getRole({ workspaceId: workspace.id, userId: user.id })).toBe(
      'owner',
    )
    const editor = await t.db.users.createUser({ email: `Editor-${workspace.id}@Example.TEST` })
    expect(editor.email).toBe(`editor-${workspace.id}@example.test`)
    expect(await t.db.users.getUserByEmail(`EDITOR-${workspace.id}@example.test`)).toMatchObject({
      id: editor.id,
    })
    await t.db.workspaces.setMember({
      workspaceId: workspace.id,
      userId: editor.id,
      role: 'editor',
    })
    await t.db.workspaces.setMember({
      workspaceId: workspace.id,
      userId: editor.id,
      role: 'viewer',
    })
    expect(await t.db.workspaces.getRole({ workspaceId: workspace.id, userId: editor.id })).toBe(
      'viewer',
    )
    expect((await t.db.workspaces.listMembers(workspace.id)).map((m) => m.role)).toEqual([
      'owner',
      'viewer',
    ])
    expect(await t.db.workspaces.listWorkspacesForUser(editor.id)).toMatchObject([
      { id: workspace.id, role: 'viewer' },
    ])
    await t.db.workspaces.removeMember({ workspaceId: workspace.id, userId: editor.id })
    expect(
      await t.db.workspaces.getRole({ workspaceId: workspace.id, userId: editor.id }),
    ).toBeNull()
  })

  it('derives a free slug from the name', async () => {
    const { user } = await ownerWithWorkspace(t.db)
    const name = `Café Team ${user.id.slice(0, 8)}`
    const a = await t.db.workspaces.createWorkspace({ name, ownerUserId: user.id })
    const b = await t.db.workspaces.createWorkspace({ name, ownerUserId: user.id })
    expect(a.slug).toBe(`cafe-team-${user.id.slice(0, 8)}`)
    expect(b.slug).toBe(`${a.slug}-2`)
  })
})

describe('API keys', () => {
  it('returns the plaintext once and stores only its SHA-256 and a prefix', async () => {
    const { user, workspace } = await ownerWithWorkspace(t.db)
    const { apiKey, plaintext } = await t.db.apiKeys.createApiKey({
      workspaceId: workspace.id,
      name: 'zapier',
      createdByUserId: user.id,
    })
    expect(plaintext).toMatch(/^stx_[A-Za-z0-9_-]{43}$/)
    expect(apiKey.prefix).toBe(plaintext.slice(0, 12))
    expect(JSON.stringify(apiKey)).not.toContain(plaintext)
    const [row] = await rows('SELECT * FROM api_keys WHERE id = $1', [apiKey.id])
    expect(JSON.stringify(row)).not.toContain(plaintext.slice(12))
    expect(row.key_hash).toBe(createHash('sha256').update(plaintext).digest('hex'))
    expect(await t.db.apiKeys.listApiKeys(workspace.id)).toMatchObject([
      { id: apiKey.id, name: 'zapier', lastUsedAt: null },
    ])
  })

  it('verifies by hash, records use, and stops verifying once revoked', async () => {
    const { workspace } = await ownerWithWorkspace(t.db)
    const { apiKey, plaintext } = await t.db.apiKeys.createApiKey({
      workspaceId: workspace.id,
      name: 'ci',
    })
    const verified = await t.db.apiKeys.verifyApiKey(plaintext)
    expect(verified).toMatchObject({ id: apiKey.id, workspaceId: workspace.id })
    expect(verified!.lastUsedAt).toBeInstanceOf(Date)
    expect(
      await t.db.apiKeys.verifyApiKey(
        `${plaintext.slice(0, -1)}${plaintext.endsWith('A') ? 'B' : 'A'}`,
      ),
    ).toBeNull()
    expect(await t.db.apiKeys.verifyApiKey('not-a-key')).toBeNull()
    const other = await ownerWithWorkspace(t.db)
    expect(
      await t.db.apiKeys.revokeApiKey({ workspaceId: other.workspace.id, id: apiKey.id }),
    ).toBe(false)
    expect(await t.db.apiKeys.revokeApiKey({ workspaceId: workspace.id, id: apiKey.id })).toBe(true)
    expect(await t.db.apiKeys.verifyApiKey(plaintext)).toBeNull()
    expect(await t.db.apiKeys.revokeApiKey({ workspaceId: workspace.id, id: apiKey.id })).toBe(
      false,
    )
  })
})

describe('seedDemo', () => {
  it('creates the demo user, workspace and owner membership once, however often it runs', async () => {
    const first = await t.db.seedDemo()
    const again = await Promise.all([t.db.seedDemo(), t.db.seedDemo()])
    for (const result of again) expect(result).toEqual(first)
    expect(first.user.email).toBe(DEMO_USER_EMAIL)
    expect(first.workspace.slug).toBe(DEMO_WORKSPACE_SLUG)
    expect(
      await t.db.workspaces.getRole({ workspaceId: first.workspace.id, userId: first.user.id }),
    ).toBe('owner')
    expect(
      await rows('SELECT count(*)::int AS n FROM users WHERE email = $1', [DEMO_USER_EMAIL]),
    ).toEqual([{ n: 1 }])
    expect(
      await rows('SELECT count(*)::int AS n FROM workspace_members WHERE workspace_id = $1', [
        first.workspace.id,
      ]),
    ).toEqual([{ n: 1 }])
    // One workspace-wide rule that drafts replies for approval, whatever the number of runs.
    expect(await t.db.inboxSettings.listRules(first.workspace.id)).toEqual([
      expect.objectContaining({ accountId: null, mode: 'suggest' }),
    ])
  })
})
