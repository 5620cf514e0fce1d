import { existsSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { MigrationList } from '@prisma/schema-engine-wasm'

/**
 * This package's root: the nearest folder above this module with `prisma/schema.prisma`. The
 * module runs from src/migrations/ in tests and from dist/ when built, so no fixed `..` fits both.
 */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(path.join(dir, 'prisma', 'schema.prisma'))) return dir
    const parent = path.dirname(dir)
    if (parent === dir)
      throw new Error(
        'Cannot find prisma/schema.prisma above @statex/db; was the prisma folder left out?',
      )
    dir = parent
  }
}

/** The standard Prisma migrations folder of this package. */
export function defaultMigrationsDir(): string {
  return path.join(packageRoot(), 'prisma', 'migrations')
}

/** The schema this package's client is generated from. */
export function defaultSchemaPath(): string {
  return path.join(packageRoot(), 'prisma', 'schema.prisma')
}

export const LOCKFILE_NAME = 'migration_lock.toml'
/** Copy of the schema kept beside each migration: the "from" side of the next diff. */
export const SNAPSHOT_NAME = 'schema.prisma'

/** Migration folder names in apply order (they start with a UTC timestamp). */
export async function listMigrationNames(migrationsDir: string): Promise<string[]> {
  if (!existsSync(migrationsDir)) return []
  const entries = await readdir(migrationsDir, { withFileTypes: true })
  return entries
    .filter(
      (entry) =>
        entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, 'migration.sql')),
    )
    .map((entry) => entry.name)
    .sort()
}

/** Reads the folder the way the Prisma CLI does before it calls the engine. */
export async function loadMigrationList(migrationsDir: string): Promise<MigrationList> {
  const names = await listMigrationNames(migrationsDir)
  const lockPath = path.join(migrationsDir, LOCKFILE_NAME)
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: LOCKFILE_NAME,
      content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: {
            tag: 'ok' as const,
            value: await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8'),
          },
        },
      })),
    ),
  }
}
