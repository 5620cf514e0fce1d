import type { DbContext } from '../context.js'
import { isUniqueViolation } from '../context.js'
import { EmailTakenError, InvalidInputError } from '../errors.js'
import { MIN_PASSWORD_LENGTH, hashPassword } from '../passwords.js'
import type { User, Workspace } from '../types.js'
import { slugify } from './slugs.js'

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
  /** Default: "<name or the email's local part>'s workspace". */
  workspaceName?: string
}

/**
 * A new person with a password and a workspace of their own, as its owner, in one transaction:
 * a failure leaves no user without a workspace. Emails are stored lower-cased.
 * @throws EmailTakenError when the email has an account; InvalidInputError for a weak password.
 */
export async function signUp(
  ctx: DbContext,
  input: SignUpInput,
): Promise<{ user: User; workspace: Workspace }> {
  const email = input.email.trim().toLowerCase()
  const problem = passwordProblem(input.password, email)
  if (problem) throw new InvalidInputError(problem)
  const passwordHash = await hashPassword(input.password)
  const name = input.name?.trim() || null
  const workspaceName =
    input.workspaceName?.trim() || `${name ?? email.split('@')[0] ?? 'My'}'s workspace`
  const base = slugify(workspaceName)
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name, passwordHash } })
      // A taken slug gets a short random suffix: no loop of failing inserts inside the transaction.
      const taken = await tx.workspace.findUnique({ where: { slug: base }, select: { id: true } })
      const slug = taken ? `${base.slice(0, 40)}-${user.id.slice(0, 6)}` : base
      const workspace = await tx.workspace.create({
        data: {
          name: workspaceName,
          slug,
          members: { create: { userId: user.id, role: 'owner' } },
        },
      })
      return {
        user: { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt },
        workspace: {
          id: workspace.id,
          name: workspace.name,
          slug: workspace.slug,
          createdAt: workspace.createdAt,
        },
      }
    })
  } catch (error) {
    if (isUniqueViolation(error) && (await ctx.prisma.user.count({ where: { email } })) > 0)
      throw new EmailTakenError(email)
    throw error
  }
}
