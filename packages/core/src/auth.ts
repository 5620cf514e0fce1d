import type { Platform } from './platform.js'

/** What an adapter needs to act for one connected account. Never logged, never serialised into errors. */
export interface AccountAuth {
  accessToken: string
  /** The platform's id of the account, page, channel or phone number posts go to. */
  externalAccountId: string
  refreshToken?: string
}

export interface TokenSet {
  accessToken: string
  /**
   * Omitted when the platform did not send one. Callers must keep the refresh token they had
   * rather than overwrite it with nothing (some platforms only send it on the first grant).
   */
  refreshToken?: string
  expiresAt?: Date
  refreshTokenExpiresAt?: Date
  scopes?: string[]
  tokenType?: string
}

/** An account that a user connected through OAuth (or a bot token / system-user token). */
export interface ConnectedAccount {
  platform: Platform
  externalAccountId: string
  displayName: string
  handle?: string
  avatarUrl?: string
  tokens: TokenSet
  /**
   * Further accounts the same grant can act for, each with the same tokens: the LinkedIn
   * organizations the member administers, the Facebook Pages a user manages. Each becomes its
   * own account in the product.
   */
  managedAccounts?: ConnectedAccount[]
  raw?: unknown
}
