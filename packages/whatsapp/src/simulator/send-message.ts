import type { RecordedRequest, SimClock, SimResponse } from '@statex/testkit/simulator'
import { reengagementResponse, reengagementStatusError, usageHeader } from './graph-errors.js'
import { newWamid, statusPayload } from './payloads.js'
import { validateSendBody } from './send-validation.js'
import { SERVICE_WINDOW_MS, type Account, type SentMessage } from './state.js'

// `POST /{phone-number-id}/messages`: a send checked as the Cloud API checks it, then the
// 24-hour customer service window. Outside it a free-form message is accepted and fails by
// status webhook (error 131047), or is refused at once in `send_response` mode.

export interface SendMessageContext {
  clock: SimClock
  sent: SentMessage[]
  mode: 'status_webhook' | 'send_response'
  knownMedia(id: string, account: Account): boolean
  knownTemplate(name: string, language: string): boolean
  push(delivery: unknown): void
  afterAnswer(run: () => void): void
  tick(): void
}

export function createSendMessage(ctx: SendMessageContext) {
  const { knownMedia, knownTemplate } = ctx
  return function sendMessage(account: Account, request: RecordedRequest): SimResponse {
    const valid = validateSendBody(request.body, {
      knownMedia: (id) => knownMedia(id, account),
      knownTemplate,
    })
    if ('status' in valid) return valid
    const now = ctx.clock.now()
    const lastInboundAt = account.customers.get(valid.to)?.lastInboundAt
    const windowOpen = lastInboundAt !== undefined && now - lastInboundAt <= SERVICE_WINDOW_MS
    if (valid.type !== 'template' && !windowOpen && ctx.mode === 'send_response')
      return reengagementResponse()
    const message: SentMessage = {
      id: newWamid(valid.to),
      phoneNumberId: account.phoneNumberId,
      to: valid.to,
      text: valid.text,
      body: valid.body,
      createdAt: now,
      status: 'accepted',
      history: [],
    }
    ctx.sent.push(message)
    if (valid.type !== 'template' && !windowOpen) {
      message.status = 'failed'
      message.error = reengagementStatusError
      message.history.push({ status: 'failed', at: now })
      const failed = statusPayload(account, {
        id: message.id,
        status: 'failed',
        at: now,
        recipientId: valid.to,
        error: reengagementStatusError,
      })
      ctx.afterAnswer(() => ctx.push(failed))
    } else ctx.afterAnswer(ctx.tick)
    return {
      status: 200,
      headers: { 'x-business-use-case-usage': usageHeader(account.wabaId, 0) },
      body: {
        messaging_product: 'whatsapp',
        contacts: [
          { input: String((request.body as Record<string, unknown>).to), wa_id: valid.to },
        ],
        messages: [
          { id: message.id, ...(valid.type === 'template' ? { message_status: 'accepted' } : {}) },
        ],
      },
    }
  }
}
