export type { QueueName, QueueOptions, Queues } from './queues.js'
export {
  DEFAULT_JOB_OPTIONS,
  PUBLISH_JOB_OPTIONS,
  QUEUE_NAMES,
  closeQueues,
  createQueues,
} from './queues.js'
export type { JobPayload } from './payloads.js'
export { JOB_PAYLOADS, parsePayload } from './payloads.js'
export { firstCommentJobId, publishJob, publishJobId, publishStepJobId } from './job-ids.js'
export {
  WEBHOOK_DELIVERY_JOB_OPTIONS,
  WEBHOOK_DELIVERY_PAYLOAD,
  WEBHOOK_DELIVERY_QUEUE,
  WEBHOOK_HEADERS,
  WEBHOOK_TOLERANCE_SECONDS,
  signWebhook,
  verifyWebhook,
} from './webhooks.js'
export type { WebhookEvent, WebhookEventStore, WebhookEventType } from './webhook-events.js'
export { WEBHOOK_EVENTS, deliveryJob, emitWebhookEvent } from './webhook-events.js'
export type { NotificationStore } from './notifications.js'
export {
  NOTIFICATION_EMAIL_JOB_OPTIONS,
  NOTIFICATION_EMAIL_PAYLOAD,
  NOTIFICATION_EMAIL_QUEUE,
  notificationEmailJobId,
  notify,
} from './notifications.js'
