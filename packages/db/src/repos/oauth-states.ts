import { createHash } from 'node:crypto'
import type { Platform } from '@statex/core'
import type { DbContext } from '../context.js'
import { decryptSecret, encryptSecret } from '../crypto.js'

const hash = (state: string) => createHash('sha256').update(state, 'utf8').digest('hex')

export interface OAuthStateRecord {
  workspaceId: string
  platform: Platform
  codeVerifier: string
  redirectUri: string
  createdBy: string
}

export function oauthStatesRepository(ctx: DbContext) {
  const { prisma, keyring } = ctx
  return {
    /** Keeps a connect's state (by hash) and PKCE verifier (encrypted) until `expiresAt`. */
    async saveState(input: OAuthStateRecord & { state: string; expiresAt: Date }): Promise<void> {
      await prisma.oAuthState.create({
        data: {
          stateHash: hash(input.state),
          workspaceId: input.workspaceId,
          platform: input.platform,
          codeVerifierEncrypted: encryptSecret(keyring, input.codeVerifier),
          redirectUri: input.redirectUri,
          createdBy: input.createdBy,
          expiresAt: input.expiresAt,
        },
      })
    },

    /** Takes a state once: deleted as it is read; null when unknown, used, or expired. */
    async consumeState(state: string, now = new Date()): Promise<OAuthStateRecord | null> {
      const rows = await prisma.$queryRaw<
        {
          workspace_id: string
          platform: Platform
          code_verifier_encrypted: string
          redirect_uri: string
          created_by: string
          expires_at: Date
        }[]
      >`DELETE FROM oauth_states WHERE state_hash = ${hash(state)}
        RETURNING workspace_id::text, platform::text, code_verifier_encrypted, redirect_uri, created_by, expires_at`
      const row = rows[0]
      if (!row || row.expires_at.getTime() <= now.getTime()) return null
      return {
        workspaceId: row.workspace_id,
        platform: row.platform,
        codeVerifier: decryptSecret(keyring, row.code_verifier_encrypted),
        redirectUri: row.redirect_uri,
        createdBy: row.created_by,
      }
    },
  }
}
