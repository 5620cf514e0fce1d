import { parsePayload } from '@statex/jobs'
import type { Processor } from 'bullmq'
import { applyQueueAction } from '../apply-queue-action.js'
import { PublishRun, type PublishJob, type PublishJobResult, type RunEnv } from './publish-run.js'
import { DEFAULT_ENGINE_SETTINGS, type PublishEngineSettings } from './publish-settings.js'

export { DEFAULT_ENGINE_SETTINGS, type PublishEngineSettings } from './publish-settings.js'
export type { PublishJobResult } from './publish-run.js'

export interface PublishProcessorDeps extends Omit<RunEnv, 'settings'> {
  settings?: Partial<PublishEngineSettings>
  /**
   * Publish jobs at once per platform in this process; a job over its platform's cap goes back
   * to the queue for a moment (no attempt spent) so the worker's slots serve other platforms.
   */
  platformConcurrency?: Readonly<Record<string, number>>
}

/**
 * The `publish` queue's processor. A job names a target; what to do is read from the target's
 * status in PostgreSQL, never from the job, so a job that runs twice, late, or after a crash
 * does the right thing:
 * SCHEDULED → claim and publish; PUBLISHING with its lease run out → the worker died mid-call:
 * UNKNOWN; PROCESSING → poll `getPublishStatus`; UNKNOWN with a check due → `findPublished`.
 * Everything else is settled and the job just ends.
 */
export function createPublishProcessor(deps: PublishProcessorDeps): Processor {
  const { db, gate } = deps
  const env: RunEnv = { ...deps, settings: { ...DEFAULT_ENGINE_SETTINGS, ...deps.settings } }
  const caps = deps.platformConcurrency ?? {}
  const running = new Map<string, number>()

  const processor = async (job: PublishJob, token?: string): Promise<PublishJobResult> => {
    const { targetId, accountId, reason } = parsePayload('publish', job.data)
    if (accountId && reason === 'due') {
      // A busy or paused account is known from Redis alone: wait without reading PostgreSQL.
      const peek = await gate.peek(accountId)
      if (!peek.ok) {
        const now = Date.now()
        return applyQueueAction(
          { type: 'delay', delayMs: peek.waitMs, reason: `account ${peek.why}` },
          job,
          token,
          now,
        )
      }
    }
    const context = await db.engine.getPublishContext(targetId)
    if (!context) return { outcome: 'gone' }
    const run = new PublishRun(env, job, token, context)
    const platform = context.account.platform
    const cap = caps[platform]
    if (cap !== undefined && (running.get(platform) ?? 0) >= cap)
      return run.later(Date.now() + 100 + Math.random() * 200, `${platform} is at its cap`)
    running.set(platform, (running.get(platform) ?? 0) + 1)
    try {
      return await run.byStatus()
    } finally {
      running.set(platform, (running.get(platform) ?? 1) - 1)
    }
  }

  return processor as Processor
}
