import type { Db } from '@statex/db'
import { NOTIFICATION_EMAIL_PAYLOAD } from '@statex/jobs'
import type { Logger } from '@statex/runtime'
import type { Job } from 'bullmq'
import { renderNotificationEmail, type Mailer } from './mailer.js'

export interface EmailProcessorDeps {
  db: Db
  /** Null when SMTP is not configured: the email is recorded `skipped`. */
  mailer: Mailer | null
  webUrl: string
  log: Logger
}

/**
 * Sends one notification's email. An SMTP error throws so BullMQ retries with backoff; the last
 * attempt records `failed` with the server's reason. Logs carry the notification id, never the
 * address or the SMTP credentials.
 */
export function createEmailProcessor(deps: EmailProcessorDeps) {
  return async (job: Job): Promise<{ status: string }> => {
    const { notificationId } = NOTIFICATION_EMAIL_PAYLOAD.parse(job.data)
    const pending = await deps.db.notifications.getPendingEmail(notificationId)
    // Sent already (a retried job after a lost ack) or no longer wanted: nothing to do.
    if (!pending) return { status: 'not-pending' }
    if (!deps.mailer) {
      await deps.db.notifications.recordEmail(notificationId, {
        status: 'skipped',
        error: 'SMTP is not configured (SMTP_HOST is unset).',
      })
      return { status: 'skipped' }
    }
    try {
      await deps.mailer.send(renderNotificationEmail(pending.notification, pending.to, deps.webUrl))
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
      await deps.db.notifications.recordEmail(notificationId, {
        status: final ? 'failed' : 'pending',
        error: message,
      })
      deps.log.warn(
        { notification: notificationId, attempt: job.attemptsMade + 1, final },
        'notification email not sent: %s',
        message,
      )
      throw error
    }
    await deps.db.notifications.recordEmail(notificationId, { status: 'sent' })
    return { status: 'sent' }
  }
}
