import type { DbContext } from '../context.js'
import { isUniqueViolation } from '../context.js'
import { SignUpClosedError } from '../errors.js'
import type { User } from '../types.js'
import { createInvitedPerson, createPersonWithWorkspace } from './sign-up.js'
import { toUser } from './user-rows.js'

/** A person as an identity provider (GitHub, Google, OIDC) vouches for them: a verified email. */
export interface ExternalIdentity {
  email: string
  name?: string
  /** False when the server's sign-up is off: only existing or invited people get in. */
  signUpOpen: boolean
}

/**
 * The person with this (verified) email, created on first sign-in: a member of every workspace
 * with an open invitation for the email, or else, when sign-up is open, the owner of a new
 * workspace. The caller vouches that the email was verified; nothing here can check it.
 * @throws SignUpClosedError for a new person, sign-up off and no invitation.
 */
export async function signInExternal(
  ctx: DbContext,
  identity: ExternalIdentity,
): Promise<{ user: User; created: boolean }> {
  const { prisma } = ctx
  const email = identity.email.trim().toLowerCase()
  const existing = await prisma.user.findUnique({ where: { email } })
  if (existing) return { user: toUser(existing), created: false }
  const invitations = await prisma.invitation.findMany({
    where: { email, acceptedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
  })
  if (invitations.length === 0 && !identity.signUpOpen) throw new SignUpClosedError(email)
  const person = { email, name: identity.name?.trim() || null, passwordHash: null }
  try {
    const { user } = await prisma.$transaction((tx) =>
      invitations.length > 0
        ? createInvitedPerson(tx, person, ...invitations)
        : createPersonWithWorkspace(tx, person),
    )
    return { user, created: true }
  } catch (error) {
    // Two first sign-ins at once: the other one created the person.
    const raced = isUniqueViolation(error) && (await prisma.user.findUnique({ where: { email } }))
    if (raced) return { user: toUser(raced), created: false }
    throw error
  }
}
