/**
 * Messenger's Send API for a Page (`POST /{page-id}/messages`): the 24-hour window, which a
 * `MESSAGE_TAG` message may pass.
 * @see https://developers.facebook.com/docs/messenger-platform/reference/send-api
 */
import { bodyString, answerSendApi, graphError } from '@statex/graph/testing'
import type { SimResponse } from '@statex/testkit/simulator'
import { MESSENGER_WINDOW_MS, type Page } from './state.js'
import { addMessage, lastInbound, type FbStore } from './store.js'

export function sendMessage(store: FbStore, page: Page, body: unknown): SimResponse {
  return answerSendApi({
    body,
    lastInboundAt: (psid) => lastInbound(store, page.id, psid)?.at,
    now: store.now(),
    windowMs: MESSENGER_WINDOW_MS,
    windowWaived: (bodyString(body, 'messaging_type') ?? 'RESPONSE') === 'MESSAGE_TAG',
    outsideWindow: () =>
      graphError({
        status: 400,
        code: 10,
        subcode: 2018278,
        message:
          '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview',
      }),
    deliver: (recipientId, text) =>
      addMessage(store, { page, psid: recipientId, text, direction: 'out' }).mid,
  })
}
