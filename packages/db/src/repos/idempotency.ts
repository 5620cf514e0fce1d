import type { DbContext } from '../context.js'
import { isUniqueViolation } from '../context.js'
import type { Prisma } from '../generated/prisma/client.js'
import type { IdempotencyRecord } from '../types.js'

/** How long a key's first answer is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

export type ReserveResult = { reserved: true } | { reserved: false; existing: IdempotencyRecord }

export function idempotencyRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /**
     * Claims `key` for a request before it runs, so two concurrent requests with one key cannot
     * both do the work: the loser gets the winner's record (statusCode 0 while it still runs).
     * A record older than 24 hours no longer counts and is replaced.
     */
    async reserve(input: {
      workspaceId: string
      key: string
      requestHash: string
      now?: Date
    }): Promise<ReserveResult> {
      const now = input.now ?? new Date()
      await prisma.idempotencyRecord.deleteMany({
        where: {
          workspaceId: input.workspaceId,
          key: input.key,
          createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) },
        },
      })
      try {
        await prisma.idempotencyRecord.create({
          data: {
            workspaceId: input.workspaceId,
            key: input.key,
            requestHash: input.requestHash,
            statusCode: 0,
            response: {},
          },
        })
        return { reserved: true }
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
        const row = await prisma.idempotencyRecord.findUnique({
          where: { workspaceId_key: { workspaceId: input.workspaceId, key: input.key } },
        })
        if (!row) return this.reserve(input)
        return {
          reserved: false,
          existing: {
            key: row.key,
            requestHash: row.requestHash,
            statusCode: row.statusCode,
            response: row.response,
            createdAt: row.createdAt,
          },
        }
      }
    },

    /** Stores the answer of a reserved key; replays return it. */
    async complete(input: {
      workspaceId: string
      key: string
      statusCode: number
      response: unknown
    }): Promise<void> {
      await prisma.idempotencyRecord.updateMany({
        where: { workspaceId: input.workspaceId, key: input.key },
        data: { statusCode: input.statusCode, response: input.response as Prisma.InputJsonValue },
      })
    },

    /** Frees a reserved key whose request failed, so the client may try again with it. */
    async release(input: { workspaceId: string; key: string }): Promise<void> {
      await prisma.idempotencyRecord.deleteMany({
        where: { workspaceId: input.workspaceId, key: input.key, statusCode: 0 },
      })
    },

    /** Deletes records past their 24 hours; returns how many. */
    async purgeExpired(now = new Date()): Promise<number> {
      const { count } = await prisma.idempotencyRecord.deleteMany({
        where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } },
      })
      return count
    },
  }
}

export type IdempotencyRepository = ReturnType<typeof idempotencyRepository>
