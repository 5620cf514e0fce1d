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
export { publishJob, publishJobId, publishStepJobId } from './job-ids.js'
