import type { ConnectedAccount, Platform } from '@statex/core'
import type { Db } from '../src/index.js'

let counter = 0
const unique = (label: string) => `${label}-${process.pid}-${(counter += 1)}`

/** A user owning a fresh workspace: every test builds its own, so tests share nothing. */
export async function ownerWithWorkspace(db: Db) {
  const user = await db.users.createUser({
    email: `${unique('owner')}@example.test`,
    name: 'Owner',
  })
  const workspace = await db.workspaces.createWorkspace({
    name: unique('Workspace'),
    ownerUserId: user.id,
  })
  return { user, workspace }
}

export function connectedAccount(
  overrides: Partial<ConnectedAccount> & { platform?: Platform } = {},
): ConnectedAccount {
  return {
    platform: 'linkedin',
    externalAccountId: unique('ext'),
    displayName: 'Acme',
    handle: 'acme',
    tokens: {
      accessToken: `access-${unique('tok')}-SECRET`,
      refreshToken: `refresh-${unique('tok')}-SECRET`,
    },
    ...overrides,
  }
}

/** A workspace with one connected account and one SCHEDULED post due a minute ago. */
export async function scheduledPost(db: Db) {
  const { user, workspace } = await ownerWithWorkspace(db)
  const account = await db.accounts.connectAccount(workspace.id, connectedAccount())
  const group = await db.posts.createPostGroup({
    workspaceId: workspace.id,
    createdByUserId: user.id,
    content: { text: 'Hello' },
    targets: [{ accountId: account.id }],
    scheduledAt: new Date(Date.now() - 60_000),
    timeZone: 'Europe/Prague',
    actor: `user:${user.id}`,
  })
  return { user, workspace, account, group, post: group.targets[0]! }
}
