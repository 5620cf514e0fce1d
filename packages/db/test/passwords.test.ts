import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_USER_EMAIL, InvalidInputError, authenticateUser } from '../src/index.js'
import { createTestDatabase } from '../src/testing.js'
import type { TestDatabase } from '../src/testing.js'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.drop()
})

describe('password sign-in', () => {
  it('stores only a scrypt hash and signs in with the right password, case-insensitively by email', async () => {
    const user = await t.db.users.createUser({ email: 'Ada@Example.com', name: 'Ada' })
    await t.db.users.setPassword(user.id, 'correct horse battery')
    const client = new pg.Client({ connectionString: t.databaseUrl })
    await client.connect()
    const { rows } = await client.query('SELECT password_hash FROM users WHERE id = $1', [user.id])
    await client.end()
    expect(rows[0].password_hash).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(rows[0].password_hash).not.toContain('correct horse')

    expect(
      await authenticateUser(t.db, { email: 'ada@example.com', password: 'correct horse battery' }),
    ).toMatchObject({ id: user.id })
    expect(
      await authenticateUser(t.db, { email: 'ada@example.com', password: 'correct horse batterY' }),
    ).toBeNull()
    expect(
      await authenticateUser(t.db, {
        email: 'nobody@example.com',
        password: 'correct horse battery',
      }),
    ).toBeNull()
  })

  it('refuses short passwords and users without one', async () => {
    const user = await t.db.users.createUser({ email: 'bob@example.com' })
    await expect(t.db.users.setPassword(user.id, 'short')).rejects.toBeInstanceOf(InvalidInputError)
    expect(await authenticateUser(t.db, { email: 'bob@example.com', password: '' })).toBeNull()
  })

  it('lets the seeded demo user sign in with the password given to the seed, and keeps it on a reseed', async () => {
    await t.db.seedDemo({ password: 'statex-demo-password' })
    await t.db.seedDemo()
    expect(
      await authenticateUser(t.db, { email: DEMO_USER_EMAIL, password: 'statex-demo-password' }),
    ).toMatchObject({ email: DEMO_USER_EMAIL })
  })
})
