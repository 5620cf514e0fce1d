import type { DbContext } from '../context.js'
import type { EngineAccount } from './engine.js'

// The token checker's reads and writes: which accounts' authorization runs out soon, and when
// it lapses for good unless someone reconnects.

export function tokenChecks(prisma: DbContext['prisma']) {
  return {
    /** Active accounts whose access token expires before `before` or whose authorization may lapse. */
    async listAccountsForTokenCheck(input: {
      before: Date
      limit?: number
    }): Promise<EngineAccount[]> {
      const rows = await prisma.socialAccount.findMany({
        where: {
          status: 'active',
          OR: [
            { accessTokenExpiresAt: { lte: input.before } },
            { refreshTokenExpiresAt: { lte: input.before } },
          ],
        },
        orderBy: { accessTokenExpiresAt: 'asc' },
        take: input.limit ?? 500,
      })
      return rows.map((account) => ({
        id: account.id,
        workspaceId: account.workspaceId,
        platform: account.platform,
        status: account.status,
        statusReason: account.statusReason,
        accessTokenExpiresAt: account.accessTokenExpiresAt,
        refreshTokenExpiresAt: account.refreshTokenExpiresAt,
        hasRefreshToken: account.refreshTokenEncrypted !== null,
      }))
    },

    /** Records when the account's authorization lapses without a reconnection (null: it renews itself). */
    async setAuthLapsesAt(accountId: string, at: Date | null): Promise<void> {
      await prisma.socialAccount.updateMany({
        where: { id: accountId },
        data: { authLapsesAt: at },
      })
    },

    async getAuthLapsesAt(accountId: string): Promise<Date | null> {
      const row = await prisma.socialAccount.findUnique({
        where: { id: accountId },
        select: { authLapsesAt: true },
      })
      return row?.authLapsesAt ?? null
    },
  }
}
