import type { ProviderError } from '@statex/core'
import type { HttpResponse } from '@statex/core/adapter'
import { classifyGraphError, type GraphErrorContext } from '@statex/graph'

/**
 * Why the Send API refused a reply: Messenger lets a Page answer a person only within 24 hours of
 * their last message (standard messaging), unless a message tag applies.
 * @see https://developers.facebook.com/docs/messenger-platform/policy/policy-overview#24hours_window
 */
export const MESSENGER_WINDOW_MESSAGE =
  'Messenger lets a Page reply only within 24 hours of the person\u2019s last message, and this person last wrote ' +
  'earlier than that (error 10/2018278). Wait until they write again; nothing was sent.'

const PERMISSION =
  'The Page token lacks a permission this call needs: reconnect the Page granting pages_manage_posts, pages_read_engagement, pages_manage_engagement, pages_read_user_engagement and pages_messaging, as a person who can create content on it.'

/** How the Facebook adapter names and classifies Graph errors (the shared table plus Messenger's). */
export const FACEBOOK_ERRORS: GraphErrorContext = {
  platform: 'facebook',
  product: 'Facebook',
  permissionHint: PERMISSION,
  special: (error) => {
    if (error.code === 10 && error.error_subcode === 2018278)
      return { kind: 'invalid_request', explain: MESSENGER_WINDOW_MESSAGE, quote: false }
    if (error.code === 551)
      return {
        kind: 'invalid_request',
        explain: 'This person is not available on Messenger right now (error 551).',
      }
    if (error.code === 100 && error.error_subcode === 2018001)
      return {
        kind: 'not_found',
        explain: 'Messenger has no such person for this Page (100/2018001).',
      }
    return undefined
  },
}

/** Turns a Graph error answer into a ProviderError for Facebook Pages. */
export function classifyFacebookError(
  response: Pick<HttpResponse, 'status' | 'headers' | 'json' | 'text'>,
  options: { secrets?: readonly string[]; now?: number } = {},
): ProviderError {
  return classifyGraphError(response, { ...FACEBOOK_ERRORS, ...options })
}
