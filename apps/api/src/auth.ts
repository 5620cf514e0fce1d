import { hkdfSync } from 'node:crypto'
import { jwtDecrypt } from 'jose'
import type { WorkspaceRole } from '@statex/db'

/** Who is calling and in which workspace, after authentication and the membership lookup. */
export interface Principal {
  kind: 'api-key' | 'session'
  workspaceId: string
  role: WorkspaceRole
  /** The signed-in person; absent for API keys. */
  userId?: string
  apiKeyId?: string
  /** Written to the status audit: `user:<id>` or `api-key:<id>`. */
  actor: string
}

const RANK: Record<WorkspaceRole, number> = { viewer: 0, editor: 1, owner: 2 }

/** viewer < editor < owner. */
export function roleAllows(role: WorkspaceRole, needed: WorkspaceRole): boolean {
  return RANK[role] >= RANK[needed]
}

/** The cookie names next-auth v4 gives its session token (secure when the dashboard is on https). */
export const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token']

/**
 * next-auth v4 session tokens are JWEs (`dir`, A256GCM) with a key derived from NEXTAUTH_SECRET by
 * HKDF-SHA256, empty salt and this info string (next-auth/src/jwt/index.ts `getDerivedEncryptionKey`).
 */
function sessionKey(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32))
}

/** The user id of a valid, unexpired dashboard session token, or null. */
export async function verifySessionToken(token: string, secret: string): Promise<string | null> {
  try {
    const { payload } = await jwtDecrypt(token, sessionKey(secret), { clockTolerance: 15 })
    return typeof payload.sub === 'string' ? payload.sub : null
  } catch {
    return null
  }
}
