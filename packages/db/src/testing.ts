import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { createDb } from './create-db.js'
import type { Db } from './create-db.js'
import type { Keyring } from './crypto.js'
import { migrate } from './migrations/apply.js'

/** Where tests find PostgreSQL when DATABASE_URL is unset: the local server, trust auth. */
export const DEFAULT_TEST_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres'

export interface TestDatabase {
  db: Db
  /** URL of the new database, for code under test that opens its own pool. */
  databaseUrl: string
  /** The random keyring `db` encrypts with. */
  keyring: Keyring
  /** Closes `db` and drops the database (even with other connections still open). */
  drop(): Promise<void>
}

/** A keyring of fresh random keys, `k1` active; for tests only. */
export function randomKeyring(ids: string[] = ['k1']): Keyring {
  const keys: Record<string, Uint8Array> = {}
  for (const id of ids) keys[id] = new Uint8Array(randomBytes(32))
  return { activeKeyId: ids[0] ?? 'k1', keys }
}

/**
 * Creates a uniquely named database on the server of `serverUrl` (default: DATABASE_URL, else
 * the local server), applies every migration, and opens `db` on it. One per test file lets
 * files run in parallel: `const t = await createTestDatabase()` in beforeAll, `t.drop()` in afterAll.
 */
export async function createTestDatabase(
  options: { serverUrl?: string; keyring?: Keyring } = {},
): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? process.env.DATABASE_URL ?? DEFAULT_TEST_SERVER_URL
  const name = `statex_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const databaseUrl = url.toString()
  await migrate({ databaseUrl })
  const keyring = options.keyring ?? randomKeyring()
  const db = createDb({ databaseUrl, keyring, maxConnections: 5 })
  return {
    db,
    databaseUrl,
    keyring,
    async drop() {
      await db.close()
      const admin = new URL(serverUrl)
      admin.pathname = '/postgres'
      const client = new pg.Client({ connectionString: admin.toString() })
      await client.connect()
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      } finally {
        await client.end()
      }
    },
  }
}
