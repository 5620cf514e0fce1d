import type { Platform, SocialProvider } from '@statex/core'
import type { Db } from '@statex/db'
import type { Logger } from '@statex/runtime'
import type { Processor } from 'bullmq'
import type { Notices } from '../notifications/notices.js'
import { ReconnectRequiredError, type TokenService } from './token-service.js'

/** A person is asked to reconnect this long before the authorization lapses. */
export const LAPSE_WARNING_MS = 7 * 24 * 3_600_000
/** Tokens expiring within this are refreshed by the periodic check, ahead of any publish. */
export const REFRESH_AHEAD_MS = 60 * 60_000

export interface RefreshTokensDeps {
  db: Db
  tokens: TokenService
  providers: Partial<Record<Platform, SocialProvider>>
  log: Logger
  /** Tells the owners a week ahead; absent in tests that only watch the flag. */
  notices?: Notices
  now?: () => number
}

/**
 * The `refresh-tokens` queue's processor: refreshes access tokens that expire within the hour,
 * and records `authLapsesAt` for accounts whose authorization ends within a week without a
 * person (no refresh token, or a refresh token that itself expires, like LinkedIn's), so the
 * dashboard asks for a reconnection in time rather than on the day posts start failing.
 */
export function createRefreshTokensProcessor(deps: RefreshTokensDeps): Processor {
  const now = deps.now ?? Date.now
  return async () => {
    const at = now()
    const accounts = await deps.db.engine.listAccountsForTokenCheck({
      before: new Date(at + LAPSE_WARNING_MS),
    })
    const stats = { refreshed: 0, flagged: 0, reconnect: 0, failed: 0 }
    for (const account of accounts) {
      const refreshable =
        account.hasRefreshToken && !!deps.providers[account.platform]?.refreshToken
      let expiresAt = account.accessTokenExpiresAt
      if (refreshable && expiresAt && expiresAt.getTime() - at <= REFRESH_AHEAD_MS) {
        try {
          await deps.tokens.refresh(account, { force: true })
          expiresAt = (await deps.db.accounts.getAccount(account.id))?.accessTokenExpiresAt ?? null
          stats.refreshed++
        } catch (error) {
          if (error instanceof ReconnectRequiredError) {
            stats.reconnect++
            continue
          }
          stats.failed++
          deps.log.warn({ err: error, account: account.id }, 'token refresh failed; will try again')
        }
      }
      // Without a refresh the access token's expiry is the end; with one, the refresh token's.
      const lapse = refreshable ? account.refreshTokenExpiresAt : expiresAt
      const flag = lapse && lapse.getTime() - at <= LAPSE_WARNING_MS ? lapse : null
      await deps.db.engine.setAuthLapsesAt(account.id, flag)
      if (flag) {
        stats.flagged++
        await deps.notices?.accountLapsing(account, flag)
      }
    }
    return stats
  }
}
