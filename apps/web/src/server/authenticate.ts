import type { Db } from '@statex/db'
import type { WebConfig } from './config'
import { loadStatexDb } from './statex-db'

export interface SignedInUser {
  id: string
  email: string
  name: string | null
}

type Credentials = { email: string; password: string }
type AuthenticateUser = (db: Db, credentials: Credentials) => Promise<SignedInUser | null>

export class AuthenticationUnavailableError extends Error {
  override readonly name = 'AuthenticationUnavailableError'
}

// One pool per server process, shared by every route bundle, created on the first sign-in.
const SLOT = Symbol.for('statex.web.db')
type Slot = { [SLOT]?: Db }

/**
 * Checks an email and password against the users table. Returns null for a wrong email or
 * password; throws when the check itself cannot run (database down, or `authenticateUser` absent).
 */
export async function authenticate(config: WebConfig, credentials: Credentials): Promise<SignedInUser | null> {
  const statexDb = await loadStatexDb()
  // `authenticateUser(db, { email, password })` is the password check owned by @statex/db (hashes
  // never leave that package) and joins it after its first release. This lookup compiles against a
  // release without it, and sign-in then says it is unavailable rather than guessing.
  const { authenticateUser } = statexDb as unknown as { authenticateUser?: AuthenticateUser }
  if (!authenticateUser) {
    throw new AuthenticationUnavailableError('@statex/db does not export authenticateUser, so passwords cannot be checked; update @statex/db.')
  }
  const slot = globalThis as Slot
  slot[SLOT] ??= statexDb.createDb({ databaseUrl: config.databaseUrl, keyring: config.keyring })
  return authenticateUser(slot[SLOT], credentials)
}
