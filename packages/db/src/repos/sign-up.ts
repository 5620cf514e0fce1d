import type { DbContext } from '../context.js'
import { isUniqueViolation } from '../context.js'
import { EmailTakenError, InvalidInputError, InvitationInvalidError } from '../errors.js'
import type { Prisma } from '../generated/prisma/client.js'
import { MIN_PASSWORD_LENGTH, hashPassword } from '../passwords.js'
import type { User, Workspace, WorkspaceRole } from '../types.js'
import { claimInvitation } from './invitations.js'
import { slugify } from './slugs.js'
import { toUser, toWorkspace } from './user-rows.js'

// Passwords people pick first; refusing them costs nothing and stops the cheapest guesses.
const COMMON = new Set([
  'password123',
  'password1234',
  '1234567890',
  '12345678910',
  'qwertyuiop',
  'iloveyou123',
  'letmein1234',
  'welcome1234',
  'administrator',
])

/**
 * Why a password is too weak, or null: at least MIN_PASSWORD_LENGTH characters, not one repeated
 * character, not a well-known password, not the email. The sign-up form and the API show it.
 */
export function passwordProblem(password: string, email = ''): string | null {
  const chars = [...password]
  if (chars.length < MIN_PASSWORD_LENGTH)
    return `A password needs at least ${MIN_PASSWORD_LENGTH} characters; this one has ${chars.length}.`
  if (new Set(chars).size === 1) return 'A password of one repeated character is too easy to guess.'
  const lower = password.toLowerCase()
  if (COMMON.has(lower)) return 'This is one of the most common passwords; pick another.'
  const local = email.trim().toLowerCase()
  if (local && (lower === local || lower === local.split('@')[0]))
    return 'A password must not be your email address.'
  return null
}

export interface SignUpInput {
  email: string
  password: string
  name?: string
  /** Default: "<name or the email's local part>'s workspace". Ignored with `invitationToken`. */
  workspaceName?: string
  /** Join the invitation's workspace (with its role) instead of getting a workspace of one's own. */
  invitationToken?: string
}

/** The new person and the workspace they are in: their own (owner) or the one they were invited to. */
export interface SignedUpPerson {
  user: User
  workspace: Workspace
  role: WorkspaceRole
}

/**
 * A new person with a password, in one transaction: either a workspace of their own, as its
 * owner, or a membership through an invitation token. A failure leaves no user without a
 * workspace. Emails are stored lower-cased.
 * @throws EmailTakenError when the email has an account; InvalidInputError for a weak password;
 * InvitationInvalidError for an unknown, used or expired token.
 */
export async function signUp(ctx: DbContext, input: SignUpInput): Promise<SignedUpPerson> {
  const email = input.email.trim().toLowerCase()
  const problem = passwordProblem(input.password, email)
  if (problem) throw new InvalidInputError(problem)
  const person = {
    email,
    name: input.name?.trim() || null,
    passwordHash: await hashPassword(input.password),
  }
  try {
    return await ctx.prisma.$transaction((tx) =>
      input.invitationToken
        ? createInvitedPerson(tx, person, { token: input.invitationToken })
        : createPersonWithWorkspace(tx, person, input.workspaceName),
    )
  } catch (error) {
    if (isUniqueViolation(error) && (await ctx.prisma.user.count({ where: { email } })) > 0)
      throw new EmailTakenError(email)
    throw error
  }
}

/** Who is being created: a password hash for email sign-up, none for an identity provider's person. */
export interface NewPerson {
  email: string
  name: string | null
  passwordHash: string | null
}

/** Inside a transaction: the person and a workspace they own. */
export async function createPersonWithWorkspace(
  tx: Prisma.TransactionClient,
  person: NewPerson,
  workspaceName?: string,
): Promise<SignedUpPerson> {
  const name =
    workspaceName?.trim() || `${person.name ?? person.email.split('@')[0] ?? 'My'}'s workspace`
  const base = slugify(name)
  const user = await tx.user.create({ data: person })
  // A taken slug gets a short random suffix: no loop of failing inserts inside the transaction.
  const taken = await tx.workspace.findUnique({ where: { slug: base }, select: { id: true } })
  const slug = taken ? `${base.slice(0, 40)}-${user.id.slice(0, 6)}` : base
  const workspace = await tx.workspace.create({
    data: { name, slug, members: { create: { userId: user.id, role: 'owner' } } },
  })
  return { user: toUser(user), workspace: toWorkspace(workspace), role: 'owner' }
}

/**
 * Inside a transaction: the person, a member of the workspace of each invitation given (the
 * first is the one returned). Throws InvitationInvalidError, undoing all, when none is open.
 */
export async function createInvitedPerson(
  tx: Prisma.TransactionClient,
  person: NewPerson,
  ...invitations: ({ token: string } | { id: string })[]
): Promise<SignedUpPerson> {
  const user = await tx.user.create({ data: person })
  const now = new Date()
  let first: { workspaceId: string; role: WorkspaceRole } | null = null
  for (const invitation of invitations) {
    const claimed = await claimInvitation(tx, invitation, user.id, now)
    first ??= claimed
  }
  if (!first) throw new InvitationInvalidError()
  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: first.workspaceId } })
  return { user: toUser(user), workspace: toWorkspace(workspace), role: first.role }
}
