import type { Processor } from 'bullmq'
import type { QueueName } from '@statex/jobs'

/**
 * The job processors per queue. Empty on purpose: publishing, metrics sync, interaction
 * processing and auto-replies arrive with their own issues (the publishing engine first).
 * A queue without a processor gets no BullMQ Worker, so its jobs wait rather than fail.
 */
export const PROCESSORS: Partial<Record<QueueName, Processor>> = {}
