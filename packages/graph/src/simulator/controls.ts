import { faultControls, type FaultQueue, type SimClock } from '@statex/testkit/simulator'
import {
  verifyWebhookEndpoint,
  type createWebhookPusher,
  type WebhookLogEntry,
} from './webhook-delivery.js'

/** The webhook controls every Meta simulator exposes, declared once for all three. */
export interface GraphWebhookControls {
  /** Every webhook the simulator produced (pushed or not), oldest first, signed. */
  readonly webhookLog: readonly WebhookLogEntry[]
  setWebhookUrl(url: string | undefined): void
  /** Waits until every pushed webhook has been answered. */
  flushWebhooks(): Promise<void>
  /** Meta's GET handshake against a webhook URL: true when it echoes the challenge. */
  verifyWebhookEndpoint(url: string, verifyToken: string): Promise<boolean>
}

/**
 * The bookkeeping members a Meta simulator builds from its parts, the same in all three: faults,
 * token expiry and revocation, the clock, webhooks, and a close that answers every pushed webhook
 * before the server stops. Spread into the simulator; a simulator with more to do overrides one.
 */
export function graphSimulatorControls(parts: {
  clock: Pick<SimClock, 'advance'>
  faults: Pick<FaultQueue, 'add' | 'clear'>
  tokens: { expire(token: string): void; revoke(token: string): void }
  webhooks: ReturnType<typeof createWebhookPusher>
  server: { close(): Promise<void> }
}) {
  const { clock, faults, tokens, webhooks, server } = parts
  return {
    webhookLog: webhooks.log,
    ...faultControls(faults),
    expireToken: (token: string) => tokens.expire(token),
    revokeToken: (token: string) => tokens.revoke(token),
    advance: (ms: number) => clock.advance(ms),
    setWebhookUrl: (url: string | undefined) => webhooks.setUrl(url),
    flushWebhooks: () => webhooks.flush(),
    verifyWebhookEndpoint,
    async close() {
      await webhooks.flush()
      await server.close()
    },
  }
}
