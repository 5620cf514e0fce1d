/** Signed webhook deliveries, their push to a URL with a log, and Meta's subscription handshake. */
import { createHmac } from 'node:crypto'
import type { WebhookRequest } from '@statex/core'
import { graphId } from './error-bodies.js'

/** The body exactly as sent and its `X-Hub-Signature-256`, HMAC-SHA256 of those bytes with the app secret. */
export function signedDelivery(
  payload: unknown,
  appSecret: string,
): WebhookRequest & { rawBody: string } {
  const rawBody = JSON.stringify(payload)
  const signature = createHmac('sha256', appSecret)
    .update(Buffer.from(rawBody, 'utf8'))
    .digest('hex')
  return {
    headers: {
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      'x-hub-signature-256': `sha256=${signature}`,
    },
    rawBody,
    query: {},
  }
}

export interface WebhookLogEntry {
  delivery: WebhookRequest & { rawBody: string }
  /** HTTP status of the push, or the error, once it is done; undefined when nothing was pushed. */
  result?: number | string
}

/**
 * Signs and pushes webhook deliveries to a URL (when one is set), keeping every delivery in a log
 * and tracking pushes in flight so `flush` can wait for them.
 */
export function createWebhookPusher(options: { appSecret: string; url?: string }) {
  const log: WebhookLogEntry[] = []
  const pending = new Set<Promise<void>>()
  let url = options.url
  const track = (promise: Promise<void>) => {
    const tracked = promise.finally(() => pending.delete(tracked))
    pending.add(tracked)
  }
  return {
    log: log as readonly WebhookLogEntry[],
    setUrl(next: string | undefined) {
      url = next
    },
    push(payload: unknown): void {
      const entry: WebhookLogEntry = { delivery: signedDelivery(payload, options.appSecret) }
      log.push(entry)
      if (!url) return
      track(
        fetch(url, {
          method: 'POST',
          headers: entry.delivery.headers as Record<string, string>,
          body: entry.delivery.rawBody,
          signal: AbortSignal.timeout(5_000),
        })
          .then(async (res) => {
            await res.arrayBuffer()
            entry.result = res.status
          })
          .catch((error: unknown) => {
            entry.result = error instanceof Error ? error.message : String(error)
          }),
      )
    },
    /** Runs `fn` once the current answer is on its way (Meta's webhooks follow the answer). */
    afterAnswer(fn: () => void): void {
      track(new Promise<void>((resolve) => setImmediate(() => (fn(), resolve()))))
    },
    async flush(): Promise<void> {
      while (pending.size) await Promise.all([...pending])
    },
  }
}

export type WebhookPusher = ReturnType<typeof createWebhookPusher>

/** Meta's GET handshake against a webhook URL: true when it echoes the challenge. */
export async function verifyWebhookEndpoint(url: string, verifyToken: string): Promise<boolean> {
  const challenge = graphId(10)
  const target = new URL(url)
  target.searchParams.set('hub.mode', 'subscribe')
  target.searchParams.set('hub.verify_token', verifyToken)
  target.searchParams.set('hub.challenge', challenge)
  const res = await fetch(target)
  return res.status === 200 && (await res.text()) === challenge
}
