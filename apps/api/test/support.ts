import { createServer, type Server, type Socket } from 'node:net'
import { Redis } from 'ioredis'

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** A well-formed keyring for tests: 32 zero bytes. Never a real key. */
export const TEST_ENCRYPTION_KEYS = `test:${Buffer.alloc(32).toString('base64')}`

/** A port nothing listens on: bound by the OS, then released. */
export async function unusedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Configured as main.ts configures it: no offline queue, so an outage fails fast. */
export async function connectRedis(url = REDIS_URL): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  })
  redis.on('error', () => {})
  await redis.connect()
  return redis
}

/** A real client for a Redis that is not there: its connection attempt was refused. */
export async function unreachableRedis(): Promise<Redis> {
  const redis = new Redis({
    host: '127.0.0.1',
    port: await unusedPort(),
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  })
  redis.on('error', () => {})
  await redis.connect().catch(() => undefined)
  return redis
}

/** A TCP server that accepts connections and never answers: a dependency that hangs. */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** BullMQ queues under a prefix of this test file's own; `close()` removes their keys. */
export async function testQueues(label: string) {
  const { createQueues, closeQueues } = await import('@statex/jobs')
  const { uniquePrefix, deletePrefix } = await import('@statex/jobs/testing')
  const prefix = uniquePrefix(label)
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null })
  const queues = createQueues({ connection, prefix })
  return {
    prefix,
    queues,
    connection,
    async close() {
      await closeQueues(queues)
      await deletePrefix(connection, prefix)
      connection.disconnect()
    },
  }
}
