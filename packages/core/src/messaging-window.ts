import type { Platform } from './platform.js'
import type { InteractionType } from './results.js'

/** Meta's customer-service window: free-form replies within 24 hours of the person's last message. */
export const MESSAGING_WINDOW_MS = 24 * 60 * 60 * 1000

/**
 * Platforms whose private messages may be answered free-form only inside the window: WhatsApp
 * (https://developers.facebook.com/docs/whatsapp/pricing#customer-service-windows), Messenger
 * (https://developers.facebook.com/docs/messenger-platform/policy/policy-overview#24hours_window)
 * and Instagram messaging, which follows the Messenger policy. Comments have no window.
 */
const WINDOWED: ReadonlySet<Platform> = new Set(['whatsapp', 'facebook', 'instagram'])

export type MessagingWindow =
  | { open: true; closesAt?: Date }
  | {
      open: false
      closedAt: Date | null
      /** What a person can do instead. */
      message: string
    }

/**
 * Whether a free-form reply to a private message may be sent now: the one decision every send
 * path (a person's reply, an approved draft, an automatic reply) asks, from the last message the
 * person sent. Outside the window WhatsApp takes only an approved template; Messenger and
 * Instagram need a person (a message tag) — neither is a free-form reply.
 */
export function messagingWindow(input: {
  platform: Platform
  type: InteractionType
  /** The person's latest message in the conversation; null when they never wrote. */
  lastInboundAt: Date | null
  now: Date
}): MessagingWindow {
  if (input.type !== 'MESSAGE' || !WINDOWED.has(input.platform)) return { open: true }
  const closesAt = input.lastInboundAt
    ? new Date(input.lastInboundAt.getTime() + MESSAGING_WINDOW_MS)
    : null
  if (closesAt && input.now < closesAt) return { open: true, closesAt }
  return {
    open: false,
    closedAt: closesAt,
    message:
      input.platform === 'whatsapp'
        ? 'The 24-hour window since the person last wrote has closed: WhatsApp allows only an approved template now.'
        : `The 24-hour window since the person last wrote has closed: ${input.platform} allows no free-form reply now; a person must follow up another way.`,
  }
}
