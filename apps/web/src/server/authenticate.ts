import type { Db } from '@statex/db'
import type { WebConfig } from './config'
import { loadStatexDb } from './statex-db'

export interface SignedInUser {
  id: string
  email: string
  name: string | null
}

// One pool per server process, shared by every route bundle, created on the first sign-in.
const SLOT = Symbol.for('statex.web.db')
type Slot = { [SLOT]?: Db }

/**
 * Checks an email and password with @statex/db's `authenticateUser` (scrypt hashes never leave
 * that package). Returns null for a wrong email or password; throws when the database cannot be
 * reached.
 */
export async function authenticate(
  config: WebConfig,
  credentials: { email: string; password: string },
): Promise<SignedInUser | null> {
  const { authenticateUser, createDb } = await loadStatexDb()
  const slot = globalThis as Slot
  slot[SLOT] ??= createDb({ databaseUrl: config.databaseUrl, keyring: config.keyring })
  const user = await authenticateUser(slot[SLOT], credentials)
  return user && { id: user.id, email: user.email, name: user.name }
}
