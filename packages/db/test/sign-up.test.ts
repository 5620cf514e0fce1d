import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  EmailTakenError,
  InvalidInputError,
  authenticateUser,
  passwordProblem,
} from '../src/index.js'
import { createTestDatabase } from '../src/testing.js'
import type { TestDatabase } from '../src/testing.js'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.drop()
})

describe('sign-up', () => {
  it('creates the person with a scrypt password and a workspace they own, and they can sign in', async () => {
    const { user, workspace } = await t.db.users.signUp({
      email: ' Grace@Example.com ',
      password: 'a long enough passphrase',
      name: 'Grace',
    })
    expect(user.email).toBe('grace@example.com')
    expect(workspace.name).toBe("Grace's workspace")
    expect(await t.db.workspaces.listWorkspacesForUser(user.id)).toEqual([
      expect.objectContaining({ id: workspace.id, role: 'owner' }),
    ])
    expect(
      await authenticateUser(t.db, {
        email: 'GRACE@example.com',
        password: 'a long enough passphrase',
      }),
    ).toMatchObject({ id: user.id })
  })

  it('refuses a taken email (any case) and leaves no second user or workspace behind', async () => {
    const before = await t.db.workspaces.listWorkspacesForUser(
      (await t.db.users.getUserByEmail('grace@example.com'))!.id,
    )
    await expect(
      t.db.users.signUp({ email: 'GRACE@EXAMPLE.COM', password: 'another passphrase 1' }),
    ).rejects.toBeInstanceOf(EmailTakenError)
    const grace = (await t.db.users.getUserByEmail('grace@example.com'))!
    expect(await t.db.workspaces.listWorkspacesForUser(grace.id)).toEqual(before)
  })

  it('refuses weak passwords before creating anything, saying why', async () => {
    await expect(
      t.db.users.signUp({ email: 'weak@example.com', password: 'short' }),
    ).rejects.toThrow(InvalidInputError)
    expect(await t.db.users.getUserByEmail('weak@example.com')).toBeNull()
    expect(passwordProblem('short')).toBe(
      'A password needs at least 10 characters; this one has 5.',
    )
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/one repeated character/)
    expect(passwordProblem('Password123')).toMatch(/most common/)
    expect(passwordProblem('someone@example.com', 'Someone@example.com')).toMatch(/email/)
    expect(passwordProblem('correct horse battery', 'someone@example.com')).toBeNull()
  })

  it('gives a second workspace of the same name its own slug', async () => {
    const a = await t.db.users.signUp({
      email: 'sam1@example.com',
      password: 'passphrase for sam 1',
      workspaceName: 'Acme',
    })
    const b = await t.db.users.signUp({
      email: 'sam2@example.com',
      password: 'passphrase for sam 2',
      workspaceName: 'Acme',
    })
    expect(a.workspace.slug).toBe('acme')
    expect(b.workspace.slug).toMatch(/^acme-[0-9a-f]{6}$/)
  })
})
