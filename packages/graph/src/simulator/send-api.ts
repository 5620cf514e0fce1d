/**
 * The Send API's checks shared by Messenger and Instagram messaging: a recipient and a text, a
 * person who wrote first, and the 24-hour standard messaging window since their last message.
 * @see https://developers.facebook.com/docs/messenger-platform/policy/policy-overview#24hours_window
 */
import type { SimResponse } from '@statex/testkit/simulator'
import { graphError, parameterError } from './error-bodies.js'
import { bodyField } from './request.js'

export interface SendApiCheck {
  body: unknown
  /** When the recipient last wrote (ms), or undefined when they never did. */
  lastInboundAt: (recipientId: string) => number | undefined
  now: number
  windowMs: number
  /** The product's own answer outside the window (subcodes and wording differ). */
  outsideWindow: () => SimResponse
  /** A message tag lets a Page write outside the window (Messenger only). */
  windowWaived?: boolean
  /** Keeps the sent message; returns its `message_id` (mid). */
  deliver: (recipientId: string, text: string) => string
}

/** The Send API's answer: Graph's refusal, or the message delivered with its id. */
export function answerSendApi(check: SendApiCheck): SimResponse {
  const recipient = bodyField(check.body, 'recipient') as { id?: string } | undefined
  const text = (bodyField(check.body, 'message') as { text?: string } | undefined)?.text
  if (!recipient?.id) return parameterError('param recipient must be non-empty.')
  if (!text) return parameterError('param message must be non-empty.')
  const last = check.lastInboundAt(recipient.id)
  if (last === undefined)
    return graphError({
      status: 400,
      code: 100,
      subcode: 2018001,
      message: '(#100) No matching user found',
    })
  if (!check.windowWaived && check.now - last > check.windowMs) return check.outsideWindow()
  const mid = check.deliver(recipient.id, text)
  return { status: 200, body: { recipient_id: recipient.id, message_id: mid } }
}
