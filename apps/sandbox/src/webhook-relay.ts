import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Platform } from '@statex/core'

/** One attempt to hand a simulator's webhook to the API, for the log and the platform pages. */
export interface WebhookDelivery {
  platform: Platform
  at: Date
  /** The API's HTTP status, or absent when it could not be reached. */
  status?: number
  error?: string
  bytes: number
  /** What it carried, e.g. `update 12: message` or `statuses: delivered`. */
  summary: string
}

/** Headers a platform signs or identifies itself with; the rest of the simulator's headers are not needed. */
const RELAYED_HEADERS = [
  'content-type',
  'user-agent',
  'x-hub-signature-256',
  'x-hub-signature',
  'x-telegram-bot-api-secret-token',
]

const KEEP = 50

/**
 * The simulators push their webhooks here rather than to the API directly, so the sandbox can
 * forward them byte for byte (signatures stay valid), remember the outcome for the pages, and
 * log a failure once instead of crashing or flooding the terminal while the API is not running.
 */
export class WebhookRelay {
  readonly #deliveries: WebhookDelivery[] = []
  readonly #failing = new Set<Platform>()

  constructor(
    private readonly options: {
      apiUrl: string
      log: (line: string) => void
      fetch?: typeof fetch
      /** How long the API may take to answer one delivery. */
      timeoutMs?: number
    },
  ) {}

  /** Where the API receives this platform's webhooks. */
  targetUrl(platform: Platform): string {
    return `${this.options.apiUrl}/v1/webhooks/${platform}`
  }

  /** The newest first. */
  deliveries(platform?: Platform): WebhookDelivery[] {
    return this.#deliveries.filter((d) => !platform || d.platform === platform).reverse()
  }

  async handle(platform: Platform, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const headers: Record<string, string> = {}
    for (const name of RELAYED_HEADERS) {
      const value = req.headers[name]
      if (typeof value === 'string') headers[name] = value
    }
    const delivery = await this.deliver(platform, req.method ?? 'POST', headers, body)
    // The simulator hears what the API said, so a platform that retries failed deliveries can.
    res.writeHead(delivery.status ?? 502, { 'content-type': 'application/json; charset=utf-8' })
    res.end(
      JSON.stringify(
        delivery.status
          ? { relayed: true, status: delivery.status }
          : { relayed: false, error: delivery.error },
      ),
    )
  }

  async deliver(
    platform: Platform,
    method: string,
    headers: Record<string, string>,
    body: Buffer,
  ): Promise<WebhookDelivery> {
    const doFetch = this.options.fetch ?? fetch
    const url = this.targetUrl(platform)
    const delivery: WebhookDelivery = {
      platform,
      at: new Date(),
      bytes: body.length,
      summary: summarize(body),
    }
    try {
      const answer = await doFetch(url, {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      })
      await answer.arrayBuffer().catch(() => undefined)
      delivery.status = answer.status
    } catch (error) {
      delivery.error = describe(error)
    }
    this.#record(delivery, url)
    return delivery
  }

  #record(delivery: WebhookDelivery, url: string): void {
    this.#deliveries.push(delivery)
    if (this.#deliveries.length > KEEP) this.#deliveries.shift()
    const ok = delivery.status !== undefined && delivery.status >= 200 && delivery.status < 300
    if (ok) {
      if (this.#failing.delete(delivery.platform))
        this.options.log(`webhook ${delivery.platform}: delivered to ${url} again`)
      return
    }
    // One line when deliveries start failing; silence until they recover.
    if (this.#failing.has(delivery.platform)) return
    this.#failing.add(delivery.platform)
    const why = delivery.status !== undefined ? `HTTP ${delivery.status}` : delivery.error
    this.options.log(
      `webhook ${delivery.platform}: could not deliver to ${url} (${why}); further failures are not logged until one succeeds`,
    )
  }
}

/** A one-line description of a Telegram update or a Meta webhook, for the pages; never throws. */
export function summarize(body: Buffer): string {
  let value: unknown
  try {
    value = JSON.parse(body.toString('utf8'))
  } catch {
    return `${body.length} bytes`
  }
  if (!value || typeof value !== 'object') return `${body.length} bytes`
  const record = value as Record<string, unknown>
  if (typeof record.update_id === 'number') {
    const kinds = Object.keys(record).filter((key) => key !== 'update_id')
    return `update ${record.update_id}: ${kinds.join(', ') || 'empty'}`
  }
  if (Array.isArray(record.entry)) {
    const parts: string[] = []
    for (const entry of record.entry as {
      changes?: { field?: string; value?: Record<string, unknown> }[]
    }[]) {
      for (const change of entry.changes ?? []) {
        const statuses = change.value?.statuses
        const messages = change.value?.messages
        if (Array.isArray(statuses))
          parts.push(`statuses: ${statuses.map((s: { status?: string }) => s.status).join(', ')}`)
        else if (Array.isArray(messages))
          parts.push(`messages: ${messages.map((m: { type?: string }) => m.type).join(', ')}`)
        else if (change.field) parts.push(change.field)
      }
    }
    return parts.join('; ') || `${record.object ?? 'webhook'}`
  }
  return `${body.length} bytes`
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = (error as Error & { cause?: { code?: string } }).cause
  if (cause?.code) return cause.code
  return error.name === 'TimeoutError' ? 'timed out' : error.message
}
