import type { DbContext } from '../context.js'
import { isUniqueViolation, isUuid } from '../context.js'
import { InvalidInputError, LastOwnerError, NotFoundError } from '../errors.js'
import { MIN_PASSWORD_LENGTH, decoyHash, hashPassword, verifyPassword } from '../passwords.js'
import type { Membership, User, Workspace, WorkspaceRole } from '../types.js'
import { signInExternal, type ExternalIdentity } from './external-sign-in.js'
import { signUp, type SignUpInput } from './sign-up.js'
import { slugify } from './slugs.js'
import { toUser, toWorkspace } from './user-rows.js'

export function usersRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /** Creates a user; emails are stored lower-cased so sign-in is case-insensitive. */
    async createUser(input: { email: string; name?: string }): Promise<User> {
      const row = await prisma.user.create({
        data: { email: input.email.trim().toLowerCase(), name: input.name ?? null },
      })
      return toUser(row)
    },
    async getUser(id: string): Promise<User | null> {
      if (!isUuid(id)) return null
      const row = await prisma.user.findUnique({ where: { id } })
      return row ? toUser(row) : null
    },
    async getUserByEmail(email: string): Promise<User | null> {
      const row = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } })
      return row ? toUser(row) : null
    },
    /** A new person with a password and a workspace they own (see `signUp`). */
    signUp: (input: SignUpInput) => signUp(ctx, input),
    /** The person an identity provider vouches for, found or created (see `signInExternal`). */
    signInExternal: (identity: ExternalIdentity) => signInExternal(ctx, identity),
    /** Sets (or replaces) the user's sign-in password; only its scrypt hash is stored. */
    async setPassword(userId: string, password: string): Promise<void> {
      if ([...password].length < MIN_PASSWORD_LENGTH) {
        throw new InvalidInputError(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`)
      }
      const passwordHash = await hashPassword(password)
      const { count } = isUuid(userId)
        ? await prisma.user.updateMany({ where: { id: userId }, data: { passwordHash } })
        : { count: 0 }
      if (count === 0) throw new NotFoundError('User', userId)
    },
    /** The user when the email and password match, else null (same work either way). */
    async authenticate(input: { email: string; password: string }): Promise<User | null> {
      const row = await prisma.user.findUnique({
        where: { email: input.email.trim().toLowerCase() },
      })
      const ok = await verifyPassword(input.password, row?.passwordHash ?? (await decoyHash()))
      return ok && row?.passwordHash ? toUser(row) : null
    },
  }
}

export function workspacesRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /**
     * Creates a workspace and makes `ownerUserId` its owner, in one transaction. The slug is
     * derived from the name when not given; a taken slug gets a numeric suffix. `timeZone` (IANA,
     * default UTC) is the zone its posting slots are in.
     */
    async createWorkspace(input: {
      name: string
      ownerUserId: string
      slug?: string
      timeZone?: string
    }): Promise<Workspace> {
      const base = input.slug ?? slugify(input.name)
      for (let n = 1; n <= 20; n += 1) {
        const slug = n === 1 ? base : `${base}-${n}`
        try {
          const row = await prisma.workspace.create({
            data: {
              name: input.name,
              slug,
              ...(input.timeZone ? { timeZone: input.timeZone } : {}),
              members: { create: { userId: input.ownerUserId, role: 'owner' } },
            },
          })
          return toWorkspace(row)
        } catch (error) {
          if (!isUniqueViolation(error) || input.slug !== undefined) throw error
        }
      }
      throw new InvalidInputError(`No free slug near "${base}"; pass one explicitly.`)
    },
    async getWorkspace(id: string): Promise<Workspace | null> {
      if (!isUuid(id)) return null
      const row = await prisma.workspace.findUnique({ where: { id } })
      return row ? toWorkspace(row) : null
    },
    async getWorkspaceBySlug(slug: string): Promise<Workspace | null> {
      const row = await prisma.workspace.findUnique({ where: { slug } })
      return row ? toWorkspace(row) : null
    },
    /** Deletes the workspace and everything in it (accounts, posts, keys, inbox). */
    async deleteWorkspace(id: string): Promise<void> {
      const { count } = await prisma.workspace.deleteMany({ where: { id } })
      if (count === 0) throw new NotFoundError('Workspace', id)
    },
    async listWorkspacesForUser(userId: string): Promise<(Workspace & { role: WorkspaceRole })[]> {
      const rows = await prisma.workspaceMember.findMany({
        where: { userId },
        include: { workspace: true },
        orderBy: { createdAt: 'asc' },
      })
      return rows.map((row) => ({ ...toWorkspace(row.workspace), role: row.role }))
    },
    /** Adds a member or changes an existing member's role. */
    async setMember(input: {
      workspaceId: string
      userId: string
      role: WorkspaceRole
    }): Promise<Membership> {
      const row = await prisma.workspaceMember.upsert({
        where: { workspaceId_userId: { workspaceId: input.workspaceId, userId: input.userId } },
        create: input,
        update: { role: input.role },
      })
      return {
        workspaceId: row.workspaceId,
        userId: row.userId,
        role: row.role,
        createdAt: row.createdAt,
      }
    },
    /**
     * Changes a member's role (`role`) or removes them (`role: null`), refusing with
     * `LastOwnerError` when no owner would be left. The workspace's owner rows are locked, so two
     * owners demoting each other at once cannot both succeed.
     */
    async changeMember(input: {
      workspaceId: string
      userId: string
      role: WorkspaceRole | null
    }): Promise<Membership | null> {
      if (!isUuid(input.userId)) throw new NotFoundError('Member', input.userId)
      return prisma.$transaction(async (tx) => {
        const owners = await tx.$queryRaw<{ user_id: string }[]>`
          SELECT user_id::text FROM workspace_members
          WHERE workspace_id = ${input.workspaceId}::uuid AND role = 'owner' FOR UPDATE`
        const member = await tx.workspaceMember.findUnique({
          where: { workspaceId_userId: { workspaceId: input.workspaceId, userId: input.userId } },
        })
        if (!member) throw new NotFoundError('Member', input.userId)
        const losesOwner = member.role === 'owner' && input.role !== 'owner'
        if (losesOwner && owners.length <= 1) throw new LastOwnerError(input.workspaceId)
        if (input.role === null) {
          await tx.workspaceMember.delete({
            where: { workspaceId_userId: { workspaceId: input.workspaceId, userId: input.userId } },
          })
          return null
        }
        const row = await tx.workspaceMember.update({
          where: { workspaceId_userId: { workspaceId: input.workspaceId, userId: input.userId } },
          data: { role: input.role },
        })
        return {
          workspaceId: row.workspaceId,
          userId: row.userId,
          role: row.role,
          createdAt: row.createdAt,
        }
      })
    },
    async removeMember(input: { workspaceId: string; userId: string }): Promise<void> {
      await prisma.workspaceMember.deleteMany({ where: input })
    },
    /** The user's role in the workspace, or null when not a member: the one authorisation lookup. */
    async getRole(input: { workspaceId: string; userId: string }): Promise<WorkspaceRole | null> {
      const row = await prisma.workspaceMember.findUnique({ where: { workspaceId_userId: input } })
      return row?.role ?? null
    },
    async listMembers(workspaceId: string): Promise<(Membership & { user: User })[]> {
      const rows = await prisma.workspaceMember.findMany({
        where: { workspaceId },
        include: { user: true },
        orderBy: { createdAt: 'asc' },
      })
      return rows.map((row) => ({
        workspaceId: row.workspaceId,
        userId: row.userId,
        role: row.role,
        createdAt: row.createdAt,
        user: toUser(row.user),
      }))
    },
  }
}

export type UsersRepository = ReturnType<typeof usersRepository>
export type WorkspacesRepository = ReturnType<typeof workspacesRepository>
