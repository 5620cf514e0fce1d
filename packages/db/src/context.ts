import type { Keyring } from './crypto.js'
import type { PrismaClient } from './generated/prisma/client.js'

/** What every repository closes over. Internal: Prisma never leaves the package. */
export interface DbContext {
  prisma: PrismaClient
  keyring: Keyring
}

/** True for a Prisma "unique constraint failed" error. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
  )
}

/** True for a Prisma "foreign key constraint failed" error (including NO ACTION on delete). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'P2003' || code === 'P2014'
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Ids are UUIDs; anything else (a mistyped URL segment) cannot name a row, so lookups say "not found". */
export function isUuid(value: string): boolean {
  return UUID.test(value)
}
