import { Worker, type ConnectionOptions, type Processor } from 'bullmq'
import { backoffDelayMs } from './error-policy.js'
import { QUEUE_NAMES, type QueueName } from '@statex/jobs'

export interface StartWorkersOptions {
  connection: ConnectionOptions
  prefix: string
  concurrency: number
  processors: Partial<Record<QueueName, Processor>>
  onError?: (queue: QueueName, error: Error) => void
}

/** One BullMQ Worker per queue that has a processor; the others are left alone. */
export function startWorkers(options: StartWorkersOptions): Partial<Record<QueueName, Worker>> {
  const workers: Partial<Record<QueueName, Worker>> = {}
  for (const name of QUEUE_NAMES) {
    const processor = options.processors[name]
    if (!processor) continue
    const worker = new Worker(name, processor, {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      // The error policy's backoff, so a `retry` decision and BullMQ agree on the wait.
      settings: {
        backoffStrategy: (attemptsMade: number) => backoffDelayMs(Math.max(0, attemptsMade - 1)),
      },
    })
    worker.on('error', (error) => options.onError?.(name, error))
    workers[name] = worker
  }
  return workers
}

export async function closeWorkers(workers: Partial<Record<QueueName, Worker>>): Promise<void> {
  await Promise.all(Object.values(workers).map((worker) => worker.close()))
}
