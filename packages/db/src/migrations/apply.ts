import pg from 'pg'
import { openSchemaEngine } from './engine.js'
import { defaultMigrationsDir, loadMigrationList } from './files.js'

export interface MigrateOptions {
  databaseUrl: string
  /** Defaults to this package's prisma/migrations. */
  migrationsDir?: string
  /** Engine log lines (JSON); dropped unless given. */
  onLog?: (message: string) => void
}

export interface MigrateResult {
  /** Whether the database did not exist and was created. */
  createdDatabase: boolean
  /** Names of the migrations applied now; empty when the database was up to date. */
  applied: string[]
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * Creates the database named in `databaseUrl` when it is missing, connecting to the server's
 * `postgres` database to do so. Returns whether it created it.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const target = new URL(databaseUrl)
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''))
  if (!name) throw new Error('DATABASE_URL names no database (expected postgresql://…/<database>).')
  const admin = new URL(databaseUrl)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (found.rowCount) return false
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`)
    } catch (error) {
      // Another process created it between the check and the CREATE: that is fine.
      if ((error as { code?: string }).code === '42P04') return false
      throw error
    }
    return true
  } finally {
    await client.end()
  }
}

/**
 * Applies every migration of the folder not yet recorded in `_prisma_migrations`, through the
 * schema engine's own `applyMigrations` (the code behind `prisma migrate deploy`), so the rows,
 * checksums and failure handling are exactly Prisma's. Creates the database first if needed.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const createdDatabase = await ensureDatabase(options.databaseUrl)
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir()
  const migrationsList = await loadMigrationList(migrationsDir)
  // An empty list would "succeed" and leave an empty database: a wrong path must be loud.
  if (migrationsList.migrationDirectories.length === 0)
    throw new Error(`No migrations found in ${migrationsDir}.`)
  const handle = await openSchemaEngine({
    databaseUrl: options.databaseUrl,
    ...(options.onLog ? { onLog: options.onLog } : {}),
  })
  try {
    const output = await handle.engine.applyMigrations({
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    })
    return { createdDatabase, applied: output.appliedMigrationNames }
  } finally {
    await handle.dispose()
  }
}
