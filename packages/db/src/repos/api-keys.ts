import { createHash, randomBytes } from 'node:crypto'
import type { DbContext } from '../context.js'
import type { ApiKey as ApiKeyRow } from '../generated/prisma/client.js'
import type { ApiKey, WorkspaceRole } from '../types.js'

const KEY_PREFIX = 'stx_'
// Shown in lists: `stx_` plus 8 characters of the key, enough to tell keys apart, useless to guess.
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 8

/** How precisely `lastUsedAt` follows use. */
export const LAST_USED_RESOLUTION_MS = 60_000

function hashKey(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex')
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    createdByUserId: row.createdByUserId,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  }
}

export function apiKeysRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /**
     * Creates a key: `stx_` + 32 random bytes (base64url). The plaintext is returned here only;
     * the database keeps its SHA-256 (a 256-bit random secret needs no slow hash).
     */
    async createApiKey(input: {
      workspaceId: string
      name: string
      createdByUserId?: string
      /** Default `editor`. */
      role?: WorkspaceRole
    }): Promise<{ apiKey: ApiKey; plaintext: string }> {
      const plaintext = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`
      const row = await prisma.apiKey.create({
        data: {
          workspaceId: input.workspaceId,
          name: input.name,
          role: input.role ?? 'editor',
          createdByUserId: input.createdByUserId ?? null,
          prefix: plaintext.slice(0, SHOWN_PREFIX_LENGTH),
          keyHash: hashKey(plaintext),
        },
      })
      return { apiKey: toApiKey(row), plaintext }
    },

    /**
     * The key a request presented, or null when unknown or revoked. `lastUsedAt` is written at
     * most once a minute per key: a write on every request would cost more than the request.
     */
    async verifyApiKey(plaintext: string, now = new Date()): Promise<ApiKey | null> {
      if (!plaintext.startsWith(KEY_PREFIX)) return null
      const row = await prisma.apiKey.findUnique({ where: { keyHash: hashKey(plaintext) } })
      if (!row || row.revokedAt) return null
      if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
        await prisma.apiKey.updateMany({
          where: { id: row.id, revokedAt: null },
          data: { lastUsedAt: now },
        })
        row.lastUsedAt = now
      }
      return toApiKey(row)
    },

    async listApiKeys(workspaceId: string): Promise<ApiKey[]> {
      const rows = await prisma.apiKey.findMany({
        where: { workspaceId },
        orderBy: { createdAt: 'asc' },
      })
      return rows.map(toApiKey)
    },

    /** Revokes a key of the workspace; returns false when there is no such active key. */
    async revokeApiKey(input: { workspaceId: string; id: string }): Promise<boolean> {
      const { count } = await prisma.apiKey.updateMany({
        where: { id: input.id, workspaceId: input.workspaceId, revokedAt: null },
        data: { revokedAt: new Date() },
      })
      return count === 1
    },
  }
}

export type ApiKeysRepository = ReturnType<typeof apiKeysRepository>
