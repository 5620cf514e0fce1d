import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccountHasPostsError, createDb, parseEncryptionKeys } from '../src/index.js'
import { createTestDatabase } from '../src/testing.js'
import type { TestDatabase } from '../src/testing.js'
import { connectedAccount, ownerWithWorkspace, scheduledPost } from './fixtures.js'

let t: TestDatabase
let raw: pg.Client
beforeAll(async () => {
  t = await createTestDatabase()
  raw = new pg.Client({ connectionString: t.databaseUrl })
  await raw.connect()
})
afterAll(async () => {
  await raw?.end()
  await t?.drop()
})

describe('accounts', () => {
  it('stores tokens encrypted: no plaintext anywhere in the social_accounts row', async () => {
    const { workspace } = await ownerWithWorkspace(t.db)
    const input = connectedAccount()
    const account = await t.db.accounts.connectAccount(workspace.id, input)
    const { rows } = await raw.query('SELECT * FROM social_accounts WHERE id = $1', [account.id])
    const everything = JSON.stringify(rows[0])
    expect(everything).not.toContain(input.tokens.accessToken)
    expect(everything).not.toContain(input.tokens.refreshToken!)
    expect(everything).not.toContain('SECRET')
    expect(rows[0].access_token_encrypted).toMatch(/^v1\.k1\./)
    expect(rows[0].token_key_id).toBe('k1')
  })

  it('keeps tokens out of errors', async () => {
    const input = connectedAccount()
    const error = await t.db.accounts
      .connectAccount('00000000-0000-4000-8000-000000000000', input)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(Error)
    const text = `${(error as Error).message} ${(error as Error).stack} ${JSON.stringify(error)}`
    expect(text).not.toContain(input.tokens.accessToken)
    expect(text).not.toContain(input.tokens.refreshToken!)
  })

  it('returns account rows without token fields, and the tokens only through getAccountAuth', async () => {
    const { workspace } = await ownerWithWorkspace(t.db)
    const input = connectedAccount({ platform: 'telegram' })
    const account = await t.db.accounts.connectAccount(workspace.id, input)
    const listed = await t.db.accounts.listAccounts(workspace.id)
    for (const shape of [account, listed[0], await t.db.accounts.getAccount(account.id)]) {
      expect(JSON.stringify(shape)).not.toMatch(
        /SECRET|v1\.k1|"accessToken"|"refreshToken"|Encrypted|tokenKeyId/,
      )
      expect(shape).toMatchObject({ hasRefreshToken: true, platform: 'telegram', status: 'active' })
    }
    expect(await t.db.accounts.getAccountAuth(account.id)).toEqual({
      accessToken: input.tokens.accessToken,
      refreshToken: input.tokens.refreshToken,
      externalAccountId: input.externalAccountId,
    })
  })

  it('never replaces a stored refresh token with an empty or missing one', async () => {
    const { workspace } = await ownerWithWorkspace(t.db)
    const input = connectedAccount()
    const account = await t.db.accounts.connectAccount(workspace.id, input)
    await t.db.accounts.updateTokens(account.id, { accessToken: 'new-access-1' })
    await t.db.accounts.updateTokens(account.id, { accessToken: 'new-access-2', refreshToken: '' })
    expect(await t.db.accounts.getAccountAuth(account.id)).toMatchObject({
      accessToken: 'new-access-2',
      refreshToken: input.tokens.refreshToken,
    })
    // Reconnecting through OAuth without a refresh token keeps it too.
    await t.db.accounts.connectAccount(workspace.id, {
      ...input,
      tokens: { accessToken: 'new-access-3' },
    })
    expect(await t.db.accounts.getAccountAuth(account.id)).toMatchObject({
      accessToken: 'new-access-3',
      refreshToken: input.tokens.refreshToken,
    })
    await t.db.accounts.updateTokens(account.id, {
      accessToken: 'new-access-4',
      refreshToken: 'new-refresh',
    })
    expect(await t.db.accounts.getAccountAuth(account.id)).toMatchObject({
      refreshToken: 'new-refresh',
    })
  })

  it('reconnecting the same external account updates it and makes it active again', async () => {
    const { workspace } = await ownerWithWorkspace(t.db)
    const input = connectedAccount()
    const first = await t.db.accounts.connectAccount(workspace.id, input)
    const marked = await t.db.accounts.markNeedsReconnect(first.id, 'token revoked by the user')
    expect(marked).toMatchObject({
      status: 'needs_reconnect',
      statusReason: 'token revoked by the user',
    })
    const again = await t.db.accounts.connectAccount(workspace.id, {
      ...input,
      displayName: 'Acme Inc.',
    })
    expect(again).toMatchObject({
      id: first.id,
      status: 'active',
      statusReason: null,
      displayName: 'Acme Inc.',
    })
    expect(await t.db.accounts.listAccounts(workspace.id)).toHaveLength(1)
  })

  it('rotates keys: old rows still decrypt, reencryptTokens moves them to the new key', async () => {
    const { workspace } = await ownerWithWorkspace(t.db)
    const input = connectedAccount()
    const account = await t.db.accounts.connectAccount(workspace.id, input)
    const k1 = Buffer.from(t.keyring.keys.k1!).toString('base64')
    const rotated = createDb({
      databaseUrl: t.databaseUrl,
      keyring: parseEncryptionKeys(`k2:${Buffer.alloc(32, 7).toString('base64')},k1:${k1}`),
    })
    try {
      expect(await rotated.accounts.getAccountAuth(account.id)).toMatchObject({
        accessToken: input.tokens.accessToken,
      })
      const { reencrypted } = await rotated.accounts.reencryptTokens({ batchSize: 2 })
      expect(reencrypted).toBeGreaterThanOrEqual(1)
      const { rows } = await raw.query(
        'SELECT token_key_id, access_token_encrypted, refresh_token_encrypted FROM social_accounts WHERE id = $1',
        [account.id],
      )
      expect(rows[0]).toMatchObject({ token_key_id: 'k2' })
      expect(rows[0].access_token_encrypted).toMatch(/^v1\.k2\./)
      expect(rows[0].refresh_token_encrypted).toMatch(/^v1\.k2\./)
      expect(await rotated.accounts.getAccountAuth(account.id)).toMatchObject({
        refreshToken: input.tokens.refreshToken,
      })
      expect(
        (
          await raw.query(
            "SELECT count(*)::int AS n FROM social_accounts WHERE token_key_id <> 'k2'",
          )
        ).rows[0].n,
      ).toBe(0)
      expect(await rotated.accounts.reencryptTokens()).toEqual({ reencrypted: 0 })
      // The old keyring alone can no longer read it: rotation really re-encrypted.
      await expect(t.db.accounts.getAccountAuth(account.id)).rejects.toThrow(
        'key "k2", which is not in the keyring',
      )
    } finally {
      await rotated.close()
    }
  })

  it('refuses to delete an account with posts, and deletes one without', async () => {
    const { workspace, account, post } = await scheduledPost(t.db)
    await expect(t.db.accounts.deleteAccount(account.id)).rejects.toBeInstanceOf(
      AccountHasPostsError,
    )
    expect(await t.db.posts.getPost(post.id)).not.toBeNull()
    const spare = await t.db.accounts.connectAccount(workspace.id, connectedAccount())
    await t.db.accounts.deleteAccount(spare.id)
    expect(await t.db.accounts.getAccount(spare.id)).toBeNull()
    expect(await t.db.accounts.disableAccount(account.id, 'left the company')).toMatchObject({
      status: 'disabled',
    })
  })
})
