/**
 * Instagram messaging: the Send API (`POST /me/messages`) with its 24-hour window, and the
 * webhook payload of an inbound message.
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api
 */
import { answerSendApi, graphError, messagingPayload } from '@statex/graph/testing'
import type { SimResponse } from '@statex/testkit/simulator'
import { DM_WINDOW_MS, type Dm, type IgAccount } from './state.js'
import { addDm, type IgStore } from './store.js'

export function sendMessage(store: IgStore, account: IgAccount, body: unknown): SimResponse {
  return answerSendApi({
    body,
    lastInboundAt: (igsid) =>
      store.dms
        .filter((m) => m.userId === account.id && m.igsid === igsid && m.direction === 'in')
        .at(-1)?.at,
    now: store.now(),
    windowMs: DM_WINDOW_MS,
    outsideWindow: () =>
      graphError({
        status: 400,
        code: 10,
        subcode: 2534022,
        message: '(#10) This message is sent outside of allowed window.',
      }),
    deliver: (recipientId, text) =>
      addDm(store, { account, igsid: recipientId, text, direction: 'out' }).mid,
  })
}

export const dmPayload = (dm: Dm) =>
  messagingPayload({
    object: 'instagram',
    accountId: dm.userId,
    senderId: dm.igsid,
    mid: dm.mid,
    text: dm.text,
    at: dm.at,
  })
