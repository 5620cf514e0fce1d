import type { SocialProvider } from '@statex/core'
import type { Db, PublishContext } from '@statex/db'
import type { Logger } from '@statex/runtime'
import { PLATFORM_NAMES, asProviderError } from './failures.js'
import type { TokenService } from './token-service.js'

export interface FirstCommentDeps {
  db: Db
  tokens: Pick<TokenService, 'getAuth'>
  log: Logger
  timeoutMs: number
}

/**
 * Posts a published target's first comment, at most once: the claim in PostgreSQL is taken
 * before the platform is called, so a job that runs again finds it taken. An answer that never
 * came is recorded as `unknown` and not re-sent (a duplicate comment is worse than a missing one,
 * and a person can see which it is). Never throws: the post itself is out either way.
 */
export async function sendFirstComment(
  deps: FirstCommentDeps,
  provider: SocialProvider | undefined,
  context: PublishContext,
): Promise<void> {
  const targetId = context.post.id
  if (!context.post.content.firstComment) return
  try {
    const claim = await deps.db.posts.claimFirstComment(targetId)
    if (!claim) return
    if (!provider?.comment) {
      // Settled as failed, so the sweep does not come back for it on every tick.
      await deps.db.posts.recordFirstComment(targetId, {
        status: 'failed',
        error: `${PLATFORM_NAMES[context.account.platform]} cannot post comments from this server, so the first comment was not posted.`,
      })
      return
    }
    try {
      const account = await deps.tokens.getAuth(context.account)
      const { externalId } = await provider.comment({
        account,
        externalPostId: claim.externalPostId,
        text: claim.text,
        signal: AbortSignal.timeout(deps.timeoutMs),
      })
      await deps.db.posts.recordFirstComment(targetId, { status: 'sent', externalId })
    } catch (thrown) {
      const error = asProviderError(thrown, context.account.platform)
      await deps.db.posts.recordFirstComment(targetId, {
        status: error.outcome === 'not_sent' ? 'failed' : 'unknown',
        error: error.message,
      })
      deps.log.warn({ target: targetId, kind: error.kind }, 'first comment not posted')
    }
  } catch (error) {
    deps.log.error({ err: error, target: targetId }, 'first comment: could not record its outcome')
  }
}
