import type { User, Workspace } from '../types.js'

type UserRow = { id: string; email: string; name: string | null; createdAt: Date }
type WorkspaceRow = { id: string; name: string; slug: string; createdAt: Date }

/** A user row without its password hash: nothing outside @statex/db ever sees one. */
export const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  createdAt: row.createdAt,
})

export const toWorkspace = (row: WorkspaceRow): Workspace => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  createdAt: row.createdAt,
})
