import type { ProviderError } from '@statex/core'
import type { HttpResponse } from '@statex/core/adapter'
import { classifyGraphError, type GraphErrorContext } from '@statex/graph'

/**
 * Why a direct-message reply was refused: Instagram messaging, like Messenger, lets a business
 * answer only within 24 hours of the person's last message.
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api
 */
export const DM_WINDOW_MESSAGE =
  'Instagram lets a business reply to a direct message only within 24 hours of the person\u2019s last message, ' +
  'and this person last wrote earlier than that. Wait until they write again; nothing was sent.'

const PERMISSION =
  'The token lacks a permission this call needs: reconnect granting instagram_basic, instagram_content_publish, instagram_manage_comments, instagram_manage_insights, instagram_manage_messages and pages_read_engagement (with Instagram Login: the instagram_business_* equivalents).'

/** Send API subcodes for "outside the allowed window" (Messenger's, and Instagram's own). */
const WINDOW_SUBCODES = new Set([2018278, 2534022])

/** How the Instagram adapter names and classifies Graph errors (the shared table plus messaging's). */
export const INSTAGRAM_ERRORS: GraphErrorContext = {
  platform: 'instagram',
  product: 'Instagram',
  permissionHint: PERMISSION,
  special: (error) => {
    if (
      error.code === 10 &&
      error.error_subcode !== undefined &&
      WINDOW_SUBCODES.has(error.error_subcode)
    )
      return { kind: 'invalid_request', explain: DM_WINDOW_MESSAGE, quote: false }
    return undefined
  },
}

/** Turns a Graph error answer into a ProviderError for Instagram. */
export function classifyInstagramError(
  response: Pick<HttpResponse, 'status' | 'headers' | 'json' | 'text'>,
  options: { secrets?: readonly string[]; now?: number } = {},
): ProviderError {
  return classifyGraphError(response, { ...INSTAGRAM_ERRORS, ...options })
}
