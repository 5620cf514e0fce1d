import { randomUUID } from 'node:crypto'
import { ProviderError, type AccountAuth, type Platform, type SocialProvider } from '@statex/core'
import type { Db } from '@statex/db'
import type { Redis } from 'ioredis'

/** The account fields the service decides on (an `EngineAccount` or a `SocialAccount` fits). */
export interface TokenAccount {
  id: string
  platform: Platform
  accessTokenExpiresAt: Date | null
  hasRefreshToken: boolean
}

/** A refresh the platform refused for good: the account was marked needs_reconnect. */
export class ReconnectRequiredError extends Error {
  override readonly name = 'ReconnectRequiredError'
  constructor(
    readonly accountId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

export interface TokenServiceOptions {
  db: Db
  redis: Redis
  prefix: string
  providers: Partial<Record<Platform, SocialProvider>>
  /** Marks an account needs_reconnect and says so to its webhooks; default: only marks it. */
  needsReconnect?: (accountId: string, reason: string) => Promise<unknown>
  /** Refresh when the access token expires within this. Default 5 minutes. */
  refreshAheadMs?: number
  /** How long one process may hold an account's refresh lock. Default 30 s. */
  lockMs?: number
  /** How long a process waits for another's refresh before giving up. Default 20 s. */
  waitMs?: number
  now?: () => number
}

export interface TokenService {
  /** Valid credentials for the account, refreshed first when they expire soon. Never log them. */
  getAuth(account: TokenAccount): Promise<AccountAuth>
  /**
   * Refreshes now (the platform said the token expired). Concurrent calls for one account, in
   * this process or any other, share one refresh: a Redis lock per account, and the others read
   * what the winner stored.
   */
  refresh(account: TokenAccount, options?: { force?: boolean }): Promise<AccountAuth>
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function createTokenService(options: TokenServiceOptions): TokenService {
  const { db, redis, prefix, providers } = options
  const needsReconnect =
    options.needsReconnect ?? ((id: string, why: string) => db.accounts.markNeedsReconnect(id, why))
  const refreshAheadMs = options.refreshAheadMs ?? 5 * 60_000
  const lockMs = options.lockMs ?? 30_000
  const waitMs = options.waitMs ?? 20_000
  const now = options.now ?? Date.now
  const inFlight = new Map<string, Promise<AccountAuth>>()
  const lockKey = (id: string) => `${prefix}:account:${id}:refresh-lock`

  const canRefresh = (account: TokenAccount) =>
    account.hasRefreshToken && typeof providers[account.platform]?.refreshToken === 'function'
  const expiresSoon = (expiresAt: Date | null) =>
    expiresAt !== null && expiresAt.getTime() - now() <= refreshAheadMs

  async function refreshHoldingLock(account: TokenAccount, force: boolean): Promise<AccountAuth> {
    // Another process may have refreshed while this one waited for the lock.
    const fresh = await db.accounts.getAccount(account.id)
    if (!fresh) throw new ReconnectRequiredError(account.id, 'The account no longer exists.')
    const refreshedMeanwhile =
      fresh.accessTokenExpiresAt?.getTime() !== account.accessTokenExpiresAt?.getTime()
    if (!expiresSoon(fresh.accessTokenExpiresAt) && (!force || refreshedMeanwhile))
      return db.accounts.getAccountAuth(account.id)
    const provider = providers[account.platform]
    const auth = await db.accounts.getAccountAuth(account.id)
    if (!provider?.refreshToken || !auth.refreshToken) return auth
    try {
      const tokens = await provider.refreshToken({ refreshToken: auth.refreshToken })
      // updateTokens keeps the stored refresh token when the platform sends none (or an empty one).
      await db.accounts.updateTokens(account.id, tokens)
      await db.engine.setAuthLapsesAt(account.id, null)
    } catch (error) {
      if (
        ProviderError.is(error) &&
        (error.kind === 'auth_revoked' || error.kind === 'invalid_request')
      ) {
        const reason = `The token refresh was refused: ${error.platformMessage ?? error.message}`
        await needsReconnect(account.id, reason)
        throw new ReconnectRequiredError(account.id, reason, { cause: error })
      }
      throw error
    }
    return db.accounts.getAccountAuth(account.id)
  }

  async function refreshAcrossProcesses(
    account: TokenAccount,
    force: boolean,
  ): Promise<AccountAuth> {
    const holder = randomUUID()
    const deadline = now() + waitMs
    for (;;) {
      const taken = await redis.set(lockKey(account.id), holder, 'PX', lockMs, 'NX')
      if (taken) {
        try {
          return await refreshHoldingLock(account, force)
        } finally {
          await redis.eval(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
            1,
            lockKey(account.id),
            holder,
          )
        }
      }
      if (now() > deadline)
        throw new Error(`Timed out waiting for another worker to refresh account ${account.id}.`)
      // Another process is refreshing: wait for it to finish, then take the lock and find the
      // token already fresh (refreshHoldingLock re-reads before calling the platform).
      await sleep(100)
    }
  }

  const service: TokenService = {
    async refresh(account, { force = false } = {}) {
      if (!canRefresh(account)) return db.accounts.getAccountAuth(account.id)
      const running = inFlight.get(account.id)
      if (running) return running
      const promise = refreshAcrossProcesses(account, force).finally(() =>
        inFlight.delete(account.id),
      )
      inFlight.set(account.id, promise)
      return promise
    },
    async getAuth(account) {
      if (canRefresh(account) && expiresSoon(account.accessTokenExpiresAt))
        return service.refresh(account)
      return db.accounts.getAccountAuth(account.id)
    },
  }
  return service
}
