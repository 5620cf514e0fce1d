import type { Db } from '@statex/db'
import {
  NOTIFICATION_EMAIL_JOB_OPTIONS,
  NOTIFICATION_EMAIL_QUEUE,
  notificationEmailJobId,
} from '@statex/jobs'
import type { Logger } from '@statex/runtime'
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq'
import { createDigestTick } from './digest.js'
import { createEmailProcessor } from './email-processor.js'
import { createMailer } from './mailer.js'
import type { NotificationSettings } from './smtp-config.js'

/** An email still pending this long after it was stored lost its job (a Redis flush): queue it again. */
const LOST_EMAIL_MS = 10 * 60_000

export interface NotificationWorker {
  /** Where notifications' emails are queued (the engine's notices add to it). */
  readonly queue: Queue
  readonly worker: Worker
  close(): Promise<void>
}

/**
 * The notification-emails queue: `send` jobs (one email each, retried with backoff) and the
 * `digest` tick (a job scheduler), which also re-queues emails whose job was lost.
 */
export async function startNotificationWorker(options: {
  connection: ConnectionOptions
  prefix: string
  db: Db
  settings: NotificationSettings
  log: Logger
  /** Default true: install the digest's job scheduler. */
  schedule?: boolean
}): Promise<NotificationWorker> {
  const { db, settings, log } = options
  const queue = new Queue(NOTIFICATION_EMAIL_QUEUE, {
    connection: options.connection,
    prefix: options.prefix,
    defaultJobOptions: NOTIFICATION_EMAIL_JOB_OPTIONS,
  })
  const mailer = settings.smtp ? createMailer(settings.smtp) : null
  log.info(
    settings.smtp
      ? { smtp: `${settings.smtp.host}:${settings.smtp.port}`, secure: settings.smtp.secure }
      : {},
    settings.smtp
      ? 'notification emails via SMTP'
      : 'SMTP_HOST unset: notifications are in-app only',
  )
  const send = createEmailProcessor({ db, mailer, webUrl: settings.webUrl, log })
  const digest = createDigestTick({ db, queue, hour: settings.digestHour })
  const worker = new Worker(
    NOTIFICATION_EMAIL_QUEUE,
    async (job: Job) => {
      if (job.name === 'send') return send(job)
      if (job.name !== 'digest') throw new Error(`Unknown notification job "${job.name}".`)
      const lost = await db.notifications.listPendingEmails(new Date(Date.now() - LOST_EMAIL_MS))
      if (lost.length)
        await queue.addBulk(
          lost.map((id) => ({
            name: 'send',
            data: { notificationId: id },
            opts: { jobId: notificationEmailJobId(id) },
          })),
        )
      return { ...(await digest()), requeued: lost.length }
    },
    { connection: options.connection, prefix: options.prefix, concurrency: 2 },
  )
  worker.on('error', (error) => log.error({ err: error }, 'notification worker error'))
  if (options.schedule ?? true)
    await queue.upsertJobScheduler(
      'notification-digest',
      { every: 15 * 60_000 },
      { name: 'digest', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    )
  return {
    queue,
    worker,
    async close() {
      await worker.close()
      await queue.close()
      mailer?.close()
    },
  }
}
