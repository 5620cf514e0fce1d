import type { AccountAuth, ConnectedAccount, TokenSet } from '@statex/core'
import type { DbContext } from '../context.js'
import { isForeignKeyViolation, isUuid } from '../context.js'
import { decryptSecret, encryptSecret } from '../crypto.js'
import { AccountHasPostsError, NotFoundError } from '../errors.js'
import type { SocialAccount as AccountRow } from '../generated/prisma/client.js'
import type { SocialAccount } from '../types.js'

/** Strips every token column: the only shape account rows leave this package in. */
function toAccount(row: AccountRow): SocialAccount {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    platform: row.platform,
    externalAccountId: row.externalAccountId,
    displayName: row.displayName,
    handle: row.handle,
    avatarUrl: row.avatarUrl,
    status: row.status,
    statusReason: row.statusReason,
    scopes: row.scopes,
    accessTokenExpiresAt: row.accessTokenExpiresAt,
    refreshTokenExpiresAt: row.refreshTokenExpiresAt,
    hasRefreshToken: row.refreshTokenEncrypted !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

const hasValue = (value: string | undefined | null): value is string =>
  typeof value === 'string' && value.length > 0

export function accountsRepository(ctx: DbContext) {
  const { prisma, keyring } = ctx

  /**
   * Re-encrypts whatever is stored with the active key: a row's tokens share one key id, so
   * writing one token means writing both with the same key.
   */
  function encryptTokens(
    row: Pick<AccountRow, 'accessTokenEncrypted' | 'refreshTokenEncrypted'> | null,
    tokens: { accessToken?: string; refreshToken?: string },
  ) {
    const access = hasValue(tokens.accessToken)
      ? tokens.accessToken
      : row
        ? decryptSecret(keyring, row.accessTokenEncrypted)
        : undefined
    // Never replace a stored refresh token with nothing: some platforms send it only once.
    const refresh = hasValue(tokens.refreshToken)
      ? tokens.refreshToken
      : row?.refreshTokenEncrypted
        ? decryptSecret(keyring, row.refreshTokenEncrypted)
        : undefined
    if (access === undefined)
      throw new TypeError('An access token is required to connect an account.')
    return {
      accessTokenEncrypted: encryptSecret(keyring, access),
      refreshTokenEncrypted: refresh === undefined ? null : encryptSecret(keyring, refresh),
      tokenKeyId: keyring.activeKeyId,
    }
  }

  return {
    /**
     * Connects an account to a workspace, or reconnects it (same workspace, platform and external
     * id): profile and tokens are updated and its status goes back to `active`.
     */
    async connectAccount(workspaceId: string, account: ConnectedAccount): Promise<SocialAccount> {
      return prisma.$transaction(async (tx) => {
        const key = {
          workspaceId,
          platform: account.platform,
          externalAccountId: account.externalAccountId,
        }
        const existing = await tx.socialAccount.findUnique({
          where: { workspaceId_platform_externalAccountId: key },
        })
        const tokens = encryptTokens(existing, account.tokens)
        const profile = {
          displayName: account.displayName,
          handle: account.handle ?? null,
          avatarUrl: account.avatarUrl ?? null,
          accessTokenExpiresAt: account.tokens.expiresAt ?? null,
          ...(account.tokens.refreshTokenExpiresAt || !existing
            ? { refreshTokenExpiresAt: account.tokens.refreshTokenExpiresAt ?? null }
            : {}),
          scopes: account.tokens.scopes ?? existing?.scopes ?? [],
          status: 'active' as const,
          statusReason: null,
        }
        const row = existing
          ? await tx.socialAccount.update({
              where: { id: existing.id },
              data: { ...profile, ...tokens },
            })
          : await tx.socialAccount.create({ data: { ...key, ...profile, ...tokens } })
        return toAccount(row)
      })
    },

    async getAccount(id: string): Promise<SocialAccount | null> {
      if (!isUuid(id)) return null
      const row = await prisma.socialAccount.findUnique({ where: { id } })
      return row ? toAccount(row) : null
    },

    /** The accounts of `workspaceId` among `ids`, in the order of `ids`; null where absent or elsewhere. */
    async getAccountsOfWorkspace(
      workspaceId: string,
      ids: readonly string[],
    ): Promise<(SocialAccount | null)[]> {
      const valid = ids.filter(isUuid)
      const rows = valid.length
        ? await prisma.socialAccount.findMany({ where: { workspaceId, id: { in: valid } } })
        : []
      const byId = new Map(rows.map((row) => [row.id, toAccount(row)]))
      return ids.map((id) => byId.get(id) ?? null)
    },

    /** Accounts connected under this platform id, in any workspace (inbound webhooks route by it). */
    async findByExternalId(
      platform: SocialAccount['platform'],
      externalAccountId: string,
    ): Promise<SocialAccount[]> {
      const rows = await prisma.socialAccount.findMany({
        where: { platform, externalAccountId },
        orderBy: { createdAt: 'asc' },
      })
      return rows.map(toAccount)
    },

    /**
     * The accounts of a platform when they are all one platform account (one bot connected in one
     * or more workspaces), else none: where a webhook names no account (a Telegram update carries
     * no bot id), the only one connected is the one it was sent to.
     */
    async findSoleConnected(platform: SocialAccount['platform']): Promise<SocialAccount[]> {
      const rows = await prisma.socialAccount.findMany({
        where: { platform, status: { not: 'disabled' } },
        orderBy: { createdAt: 'asc' },
        take: 50,
      })
      return new Set(rows.map((r) => r.externalAccountId)).size === 1 ? rows.map(toAccount) : []
    },

    async listAccounts(workspaceId: string): Promise<SocialAccount[]> {
      const rows = await prisma.socialAccount.findMany({
        where: { workspaceId },
        orderBy: [{ platform: 'asc' }, { displayName: 'asc' }],
      })
      return rows.map(toAccount)
    },

    /** The decrypted credentials the worker hands to an adapter. Never log the result. */
    async getAccountAuth(id: string): Promise<AccountAuth> {
      if (!isUuid(id)) throw new NotFoundError('Account', id)
      const row = await prisma.socialAccount.findUnique({ where: { id } })
      if (!row) throw new NotFoundError('Account', id)
      const auth: AccountAuth = {
        accessToken: decryptSecret(keyring, row.accessTokenEncrypted),
        externalAccountId: row.externalAccountId,
      }
      if (row.refreshTokenEncrypted)
        auth.refreshToken = decryptSecret(keyring, row.refreshTokenEncrypted)
      return auth
    },

    /**
     * Stores a refreshed token set. A missing or empty `refreshToken` keeps the stored one;
     * expiry times not given keep theirs too. The row is locked so two refreshes do not interleave.
     */
    async updateTokens(id: string, tokens: TokenSet): Promise<SocialAccount> {
      return prisma.$transaction(async (tx) => {
        const locked = await tx.$queryRaw<
          { id: string }[]
        >`SELECT id FROM social_accounts WHERE id = ${id}::uuid FOR UPDATE`
        if (locked.length === 0) throw new NotFoundError('Account', id)
        const row = await tx.socialAccount.findUniqueOrThrow({ where: { id } })
        const updated = await tx.socialAccount.update({
          where: { id },
          data: {
            ...encryptTokens(row, tokens),
            ...(tokens.expiresAt ? { accessTokenExpiresAt: tokens.expiresAt } : {}),
            ...(tokens.refreshTokenExpiresAt
              ? { refreshTokenExpiresAt: tokens.refreshTokenExpiresAt }
              : {}),
            ...(tokens.scopes ? { scopes: tokens.scopes } : {}),
          },
        })
        return toAccount(updated)
      })
    },

    /** The platform revoked access: a person must reconnect. Posts to it stop being published. */
    async markNeedsReconnect(id: string, reason: string): Promise<SocialAccount> {
      const { count } = await prisma.socialAccount.updateMany({
        where: { id },
        data: { status: 'needs_reconnect', statusReason: reason },
      })
      if (count === 0) throw new NotFoundError('Account', id)
      return toAccount(await prisma.socialAccount.findUniqueOrThrow({ where: { id } }))
    },

    async disableAccount(id: string, reason?: string): Promise<SocialAccount> {
      const { count } = await prisma.socialAccount.updateMany({
        where: { id },
        data: { status: 'disabled', statusReason: reason ?? null },
      })
      if (count === 0) throw new NotFoundError('Account', id)
      return toAccount(await prisma.socialAccount.findUniqueOrThrow({ where: { id } }))
    },

    /**
     * Deletes an account that has no posts (its inbox goes with it). An account with posts throws
     * `AccountHasPostsError`: the database refuses (ON DELETE NO ACTION) so history is never lost.
     */
    async deleteAccount(id: string): Promise<void> {
      try {
        const { count } = await prisma.socialAccount.deleteMany({ where: { id } })
        if (count === 0) throw new NotFoundError('Account', id)
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new AccountHasPostsError(id)
        throw error
      }
    },

    /**
     * Re-encrypts the tokens of every account not yet on the active key, in batches; run after
     * putting a new key first in STATEX_ENCRYPTION_KEYS. Returns how many rows it rewrote. Safe to
     * run again or concurrently with token refreshes (each row is locked while rewritten).
     */
    async reencryptTokens(options: { batchSize?: number } = {}): Promise<{ reencrypted: number }> {
      const batchSize = options.batchSize ?? 100
      let reencrypted = 0
      for (;;) {
        const done = await prisma.$transaction(async (tx) => {
          const rows = await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM social_accounts WHERE token_key_id <> ${keyring.activeKeyId}
            ORDER BY id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`
          for (const { id } of rows) {
            const row = await tx.socialAccount.findUniqueOrThrow({ where: { id } })
            await tx.socialAccount.update({ where: { id }, data: encryptTokens(row, {}) })
          }
          return rows.length
        })
        reencrypted += done
        if (done < batchSize) return { reencrypted }
      }
    },
  }
}

export type AccountsRepository = ReturnType<typeof accountsRepository>
