import type { Queue } from 'bullmq'
import { z } from 'zod'

/**
 * Notification emails, one job per stored notification (`email-<notificationId>`), sent by the
 * worker. Not in QUEUE_NAMES: like webhook deliveries it is not a publishing queue, and both the
 * API (approvals) and the worker (publishing, tokens, digest) add to it.
 */
export const NOTIFICATION_EMAIL_QUEUE = 'notification-emails'

export const NOTIFICATION_EMAIL_PAYLOAD = z.object({ notificationId: z.string().min(1) })

/** Tries per email, exponential from 30 s (about an hour in all): an SMTP server that is down comes back. */
export const NOTIFICATION_EMAIL_JOB_OPTIONS = Object.freeze({
  attempts: 6,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 5_000 },
})

export const notificationEmailJobId = (notificationId: string) => `email-${notificationId}`

/** The one database call notifying needs (@statex/db's `notifications.notify`), structurally. */
export interface NotificationStore<Input> {
  notifications: {
    notify(input: Input): Promise<{ id: string; emailStatus: string }[]>
  }
}

/**
 * Stores a notification for each recipient who wants it (deduplicated by the input's key in
 * PostgreSQL) and queues the email of each new row that asked for one. Producing the same event
 * again stores and queues nothing. Returns the new notifications' ids.
 */
export async function notify<Input>(
  store: NotificationStore<Input>,
  queue: Queue | undefined,
  input: Input,
): Promise<string[]> {
  const created = await store.notifications.notify(input)
  const emails = created.filter((n) => n.emailStatus === 'pending')
  // Without a queue (an API process in some tests) the rows stay pending; the worker's sweep
  // queues pending emails it finds later.
  if (queue && emails.length > 0)
    await queue.addBulk(
      emails.map((n) => ({
        name: 'send',
        data: { notificationId: n.id },
        opts: { ...NOTIFICATION_EMAIL_JOB_OPTIONS, jobId: notificationEmailJobId(n.id) },
      })),
    )
  return created.map((n) => n.id)
}
