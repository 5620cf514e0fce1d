import type { DbContext } from '../context.js'
import { hashPassword } from '../passwords.js'
import type { User, Workspace } from '../types.js'

export const DEMO_USER_EMAIL = 'demo@statex.local'
export const DEMO_WORKSPACE_SLUG = 'demo'

/**
 * Creates the demo user, the demo workspace and the user's owner membership. Running it again
 * changes nothing and returns the same rows.
 */
export async function seedDemo(
  ctx: DbContext,
  options: { password?: string } = {},
): Promise<{ user: User; workspace: Workspace }> {
  // Hashed before the transaction: scrypt is deliberately slow. An existing password is kept
  // unless a new one is given.
  const passwordHash =
    options.password === undefined ? undefined : await hashPassword(options.password)
  return ctx.prisma.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { email: DEMO_USER_EMAIL },
      create: { email: DEMO_USER_EMAIL, name: 'Demo User', passwordHash: passwordHash ?? null },
      update: passwordHash === undefined ? {} : { passwordHash },
    })
    const workspace = await tx.workspace.upsert({
      where: { slug: DEMO_WORKSPACE_SLUG },
      create: { name: 'Demo workspace', slug: DEMO_WORKSPACE_SLUG },
      update: {},
    })
    await tx.workspaceMember.upsert({
      where: { workspaceId_userId: { workspaceId: workspace.id, userId: user.id } },
      create: { workspaceId: workspace.id, userId: user.id, role: 'owner' },
      update: {},
    })
    // The inbox drafts AI replies that wait for a person, so the sandbox shows the whole flow;
    // a rule a person changed is kept (ON CONFLICT DO NOTHING on the one workspace-wide rule).
    await tx.autoRespondRule.createMany({
      data: [{ workspaceId: workspace.id, accountId: null, mode: 'suggest' }],
      skipDuplicates: true,
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
}
