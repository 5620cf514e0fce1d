import { createHash, randomBytes } from 'node:crypto'
import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'
import type { Invitation as InvitationRow, Prisma } from '../generated/prisma/client.js'
import type { Invitation, WorkspaceRole } from '../types.js'

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

const toInvitation = (row: InvitationRow): Invitation => ({
  id: row.id,
  workspaceId: row.workspaceId,
  email: row.email,
  role: row.role,
  expiresAt: row.expiresAt,
  acceptedAt: row.acceptedAt,
  createdAt: row.createdAt,
})

export function invitationsRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /** An invitation and its token (returned here only; the database keeps its hash). */
    async createInvitation(input: {
      workspaceId: string
      email: string
      role: WorkspaceRole
      expiresAt: Date
    }): Promise<{ invitation: Invitation; token: string }> {
      const token = `inv_${randomBytes(24).toString('base64url')}`
      const row = await prisma.invitation.create({
        data: {
          workspaceId: input.workspaceId,
          email: input.email.trim().toLowerCase(),
          role: input.role,
          tokenHash: hash(token),
          expiresAt: input.expiresAt,
        },
      })
      return { invitation: toInvitation(row), token }
    },

    async listInvitations(workspaceId: string): Promise<Invitation[]> {
      const rows = await prisma.invitation.findMany({
        where: { workspaceId, acceptedAt: null },
        orderBy: { createdAt: 'asc' },
      })
      return rows.map(toInvitation)
    },

    async revokeInvitation(workspaceId: string, id: string): Promise<boolean> {
      if (!isUuid(id)) return false
      const { count } = await prisma.invitation.deleteMany({
        where: { id, workspaceId, acceptedAt: null },
      })
      return count === 1
    },

    /**
     * Accepts an unexpired, unused invitation for `userId`, once: the membership is created in the
     * same transaction the invitation is marked used. Null for an unknown, used or expired token.
     */
    async acceptInvitation(input: {
      token: string
      userId: string
      now?: Date
    }): Promise<Invitation | null> {
      const now = input.now ?? new Date()
      return prisma.$transaction((tx) =>
        claimInvitation(tx, { token: input.token }, input.userId, now),
      )
    },
  }
}

export type InvitationsRepository = ReturnType<typeof invitationsRepository>

/**
 * Inside a transaction: marks one open invitation used and makes `userId` a member with its role
 * (an existing member keeps theirs: an invitation never demotes anyone). Null when it is unknown,
 * used or expired. Shared by accepting, signing up with a token and the first OAuth sign-in.
 */
export async function claimInvitation(
  tx: Prisma.TransactionClient,
  invitation: { token: string } | { id: string },
  userId: string,
  now: Date,
): Promise<Invitation | null> {
  const which = 'token' in invitation ? { tokenHash: hash(invitation.token) } : invitation
  const { count } = await tx.invitation.updateMany({
    where: { ...which, acceptedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  })
  if (count === 0) return null
  const row = await tx.invitation.findFirstOrThrow({ where: which })
  const existing = await tx.workspaceMember.findUnique({
    where: { workspaceId_userId: { workspaceId: row.workspaceId, userId } },
  })
  if (!existing)
    await tx.workspaceMember.create({
      data: { workspaceId: row.workspaceId, userId, role: row.role },
    })
  return toInvitation(row)
}
