import type { DbContext } from '../../context.js'
import { isUniqueViolation, isUuid } from '../../context.js'
import { InvalidInputError } from '../../errors.js'
import type { SavedReply } from '../../types.js'

const toSaved = (r: {
  id: string
  name: string
  text: string
  createdAt: Date
  updatedAt: Date
}): SavedReply => ({
  id: r.id,
  name: r.name,
  text: r.text,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
})

/** A workspace's saved replies; names are unique per workspace. */
export function savedRepliesRepository(ctx: DbContext) {
  const { prisma } = ctx
  const duplicate = (name: string) =>
    new InvalidInputError(`A saved reply named "${name}" already exists; choose another name.`)
  return {
    async listSavedReplies(workspaceId: string): Promise<SavedReply[]> {
      const rows = await prisma.savedReply.findMany({
        where: { workspaceId },
        orderBy: { name: 'asc' },
      })
      return rows.map(toSaved)
    },
    async getSavedReply(workspaceId: string, id: string): Promise<SavedReply | null> {
      if (!isUuid(id)) return null
      const row = await prisma.savedReply.findFirst({ where: { id, workspaceId } })
      return row ? toSaved(row) : null
    },
    async createSavedReply(
      workspaceId: string,
      input: { name: string; text: string },
    ): Promise<SavedReply> {
      try {
        return toSaved(await prisma.savedReply.create({ data: { workspaceId, ...input } }))
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicate(input.name)
        throw error
      }
    },
    async updateSavedReply(
      workspaceId: string,
      id: string,
      input: { name?: string; text?: string },
    ): Promise<SavedReply | null> {
      if (!isUuid(id)) return null
      try {
        const { count } = await prisma.savedReply.updateMany({
          where: { id, workspaceId },
          data: input,
        })
        if (count === 0) return null
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicate(input.name ?? '')
        throw error
      }
      return toSaved(await prisma.savedReply.findUniqueOrThrow({ where: { id } }))
    },
    async deleteSavedReply(workspaceId: string, id: string): Promise<boolean> {
      if (!isUuid(id)) return false
      const { count } = await prisma.savedReply.deleteMany({ where: { id, workspaceId } })
      return count > 0
    },
  }
}
