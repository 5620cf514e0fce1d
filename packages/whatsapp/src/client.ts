import type { AccountAuth } from '@statex/core'
import type { FetchFn } from '@statex/core/adapter'
import { createGraphClient } from '@statex/graph'
import { WHATSAPP_ERRORS } from './errors.js'
import {
  phoneNumberSchema,
  sendMessageResponseSchema,
  type PhoneNumber,
  uploadMediaResponseSchema,
  type SendMessageResponse,
} from './schemas.js'

export interface ClientOptions {
  baseUrl: string
  apiVersion: string
  fetch: FetchFn
}

/** A message body as `POST /{Version}/{Phone-Number-ID}/messages` takes it (the spec's `Message`). */
export type OutgoingMessage = {
  messaging_product: 'whatsapp'
  recipient_type: 'individual'
  to: string
  type: string
  context?: { message_id: string }
} & Record<string, unknown>

/**
 * A thin client for the Cloud API endpoints this adapter uses, for one account (one business
 * phone number and its system-user token). It knows the wire format; the provider knows our
 * domain; the Graph mechanics (base URL, errors) are `@statex/graph`'s.
 */
export function createClient(options: ClientOptions, account: AccountAuth) {
  const graph = createGraphClient(
    {
      baseUrl: options.baseUrl,
      apiVersion: options.apiVersion,
      fetch: options.fetch,
      errors: WHATSAPP_ERRORS,
    },
    account.accessToken,
  )
  const phoneNumberPath = (edge: string) =>
    `/${encodeURIComponent(account.externalAccountId)}/${edge}`

  return {
    /**
     * The phone number the token reaches, with its display number and verified business name.
     * @see https://developers.facebook.com/docs/whatsapp/cloud-api/reference/phone-numbers
     */
    getPhoneNumber(signal?: AbortSignal): Promise<PhoneNumber> {
      return graph.call({
        method: 'GET',
        path: `/${encodeURIComponent(account.externalAccountId)}`,
        query: { fields: 'id,display_phone_number,verified_name' },
        signal,
        schema: phoneNumberSchema,
        expected: 'no phone number fields in the answer',
      })
    },

    /**
     * Sends one message (text, media, template, reaction…) to one recipient.
     * @see https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
     */
    sendMessage(body: OutgoingMessage, signal?: AbortSignal): Promise<SendMessageResponse> {
      return graph.call({
        method: 'POST',
        path: phoneNumberPath('messages'),
        body,
        signal,
        schema: sendMessageResponseSchema,
        expected: 'no messages[0].id in the send answer',
      })
    },

    /**
     * Uploads a media file (multipart `file`, `type`, `messaging_product=whatsapp`) and returns its id,
     * which messages can then use instead of a link. Media ids live for 30 days.
     * @see https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#upload-media
     */
    async uploadMedia(input: {
      data: Blob
      mimeType: string
      fileName: string
      signal?: AbortSignal
    }): Promise<{ id: string }> {
      const form = new FormData()
      form.set('messaging_product', 'whatsapp')
      form.set('type', input.mimeType)
      form.set('file', input.data, input.fileName)
      const answer = await graph.call({
        method: 'POST',
        path: phoneNumberPath('media'),
        body: form,
        signal: input.signal,
        schema: uploadMediaResponseSchema,
        expected: 'no id in the upload answer',
      })
      return { id: answer.id }
    },
  }
}

export type WhatsAppClient = ReturnType<typeof createClient>
