import { once } from 'node:events'
import type { Redis } from 'ioredis'

/** QUIT and wait for the socket to close; a client that is not connected is simply dropped. */
export async function quitRedis(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') return redis.disconnect()
  const ended = once(redis, 'end')
  const quitted = await redis.quit().then(
    () => true,
    () => false,
  )
  if (quitted) await ended
  else redis.disconnect()
}
