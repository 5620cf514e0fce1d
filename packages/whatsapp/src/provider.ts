import {
  CONTENT_RULES,
  ProviderError,
  type AccountAuth,
  type Delivery,
  type ProviderCapabilities,
  type PublishCheckpoint,
  type PublishInput,
  type PublishResult,
  type SocialProvider,
} from '@statex/core'
import type { FetchFn } from '@statex/core/adapter'
import { DEFAULT_GRAPH_API_VERSION, GRAPH_HOSTS, graphWebhooks } from '@statex/graph'
import { createClient, type ClientOptions } from './client.js'
import { buildMessage, buildReply } from './messages.js'
import { recipientKey, validateWhatsAppPost } from './validate.js'
import { parseWhatsAppWebhook } from './webhooks.js'

export interface WhatsAppOptions {
  /** Origin of the Graph API; point it at the simulator in tests. Default `https://graph.facebook.com`. */
  baseUrl?: string
  /** Graph API version in the path. Default `DEFAULT_GRAPH_API_VERSION` of `@statex/graph` (v23.0). */
  apiVersion?: string
  /** Injected `fetch` (tests, proxies). Default: the global one. */
  fetch?: FetchFn
  /** The Meta app secret: webhooks are accepted only with a valid `X-Hub-Signature-256`. */
  appSecret?: string
  /** The verify token you typed in the app's webhook settings (`hub.verify_token`). */
  verifyToken?: string
}

/** Accounts' access to the phone number: `accessToken` is the system-user token, `externalAccountId` the phone number id. */
export type WhatsAppAccount = AccountAuth

export const WHATSAPP_CAPABILITIES: ProviderCapabilities = {
  content: CONTENT_RULES.whatsapp,
  publishing: 'sync',
  deletes: false,
  metrics: [],
  interactions: { types: ['MESSAGE', 'REACTION'], delivery: ['webhook'] },
  connection: 'token',
  tokenRefresh: false,
  // The Cloud API has no endpoint listing sent messages; only the status webhooks tell.
  reconcile: 'none',
  notes: [
    'A post is a broadcast: one message per opted-in recipient (options.whatsapp.recipients), each with its own delivery.',
    'Free-form messages reach a customer only within 24 hours of their last message; outside that window send an approved template.',
    'Sent messages cannot be deleted through the Cloud API.',
    'There is no per-message metrics endpoint: delivery statuses (sent, delivered, read, failed) arrive by webhook instead.',
    'Inbound messages cannot be listed through the API; they arrive only by webhook (subscribe the app to the "messages" field).',
  ],
}

/**
 * Refusals about one recipient rather than the message: outside their 24-hour window (131047),
 * undeliverable to them (131026), the sender itself (131021), held back for that user (131049,
 * 131050 stopped marketing, 130472 experiment). The other recipients still get the message.
 * Any other refusal is about the content and would repeat for everyone, so it stops the broadcast.
 */
const RECIPIENT_CODES = new Set([131047, 131026, 131021, 131049, 131050, 130472])

interface Checkpoint {
  v: 1
  deliveries: Delivery[]
}

function readCheckpoint(value: PublishCheckpoint | undefined): Delivery[] {
  const deliveries = (value as Partial<Checkpoint> | undefined)?.deliveries
  return Array.isArray(deliveries)
    ? deliveries.filter((d): d is Delivery => !!d && typeof d.recipient === 'string')
    : []
}

const checkpoint = (deliveries: Delivery[]): PublishCheckpoint =>
  ({ v: 1, deliveries: deliveries.map((d) => ({ ...d })) }) satisfies Checkpoint

/** The same error, carrying what was already delivered so a retry continues instead of repeating. */
function withProgress(error: ProviderError, deliveries: Delivery[]): ProviderError {
  const copy = new ProviderError({
    kind: error.kind,
    platform: error.platform,
    outcome: error.outcome,
    message: error.message,
    status: error.status,
    platformCode: error.platformCode,
    platformSubcode: error.platformSubcode,
    platformMessage: error.platformMessage,
    retryAfterMs: error.retryAfterMs,
    progress: checkpoint(deliveries),
    cause: error,
    request: error.request,
    response: error.response,
  })
  return copy
}

/**
 * The WhatsApp Cloud API adapter. One account = one business phone number: `externalAccountId`
 * is its phone number id, `accessToken` a system-user token with whatsapp_business_messaging.
 * @see https://developers.facebook.com/docs/whatsapp/cloud-api
 */
export function whatsapp(options: WhatsAppOptions = {}) {
  const clientOptions: ClientOptions = {
    baseUrl: options.baseUrl ?? GRAPH_HOSTS.facebook,
    apiVersion: options.apiVersion ?? DEFAULT_GRAPH_API_VERSION,
    fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
  }

  async function publish(input: PublishInput): Promise<PublishResult> {
    const client = createClient(clientOptions, input.account)
    const recipients = (input.post.options?.whatsapp?.recipients ?? []).map((r) => r.trim())
    if (recipients.length === 0) {
      throw new ProviderError({
        kind: 'invalid_request',
        platform: 'whatsapp',
        message: 'A WhatsApp post needs at least one recipient (options.whatsapp.recipients).',
      })
    }
    const deliveries = readCheckpoint(input.resumeFrom)
    const done = new Set(deliveries.map((d) => recipientKey(d.recipient)))
    for (const recipient of recipients) {
      if (done.has(recipientKey(recipient))) continue
      done.add(recipientKey(recipient))
      try {
        const answer = await client.sendMessage(buildMessage(input.post, recipient), input.signal)
        deliveries.push({ recipient, externalId: answer.messages[0]!.id, status: 'accepted' })
      } catch (error) {
        if (!ProviderError.is(error)) throw error
        // One contact's refusal (outside the window, not on WhatsApp) must not cost the others theirs.
        if (error.kind === 'invalid_request' && RECIPIENT_CODES.has(Number(error.platformCode))) {
          deliveries.push({
            recipient,
            externalId: '',
            status: 'failed',
            error: {
              ...(error.platformCode !== undefined ? { code: error.platformCode } : {}),
              message: error.message,
            },
          })
          continue
        }
        if (error.outcome === 'unknown') {
          // The message may have reached this recipient, and WhatsApp messages cannot be deleted:
          // a resume skips them (at most once) and reports why, instead of risking a duplicate.
          deliveries.push({
            recipient,
            externalId: '',
            status: 'failed',
            error: {
              code: 'OUTCOME_UNKNOWN',
              message: `${error.message} Check the delivery-status webhooks for ${recipient} before sending to them again.`,
            },
          })
          throw withProgress(error, deliveries)
        }
        throw deliveries.length > 0 ? withProgress(error, deliveries) : error
      }
    }
    const accepted = deliveries.filter((d) => d.status !== 'failed')
    if (accepted.length === 0) {
      const first = deliveries[0]!
      const same = deliveries.every((d) => d.error?.message === first.error?.message)
      throw new ProviderError({
        kind: 'invalid_request',
        platform: 'whatsapp',
        message: same
          ? first.error!.message
          : `WhatsApp refused the message for every recipient: ${deliveries.map((d) => `${d.recipient}: ${d.error?.message}`).join('; ')}`,
        platformCode: first.error?.code,
        progress: checkpoint(deliveries),
      })
    }
    return {
      status: 'published',
      externalId: accepted[0]!.externalId,
      publishedAt: new Date(),
      partIds: accepted.map((d) => d.externalId),
      deliveries,
    }
  }

  const provider = {
    platform: 'whatsapp',
    capabilities: WHATSAPP_CAPABILITIES,
    validate: validateWhatsAppPost,
    publish,

    /** Proves the token reaches the phone number, and names it as WhatsApp Manager does. */
    async connectWithToken(input: {
      accessToken: string
      externalAccountId: string
      signal?: AbortSignal
    }) {
      const account: AccountAuth = {
        accessToken: input.accessToken,
        externalAccountId: input.externalAccountId.trim(),
      }
      const number = await createClient(clientOptions, account).getPhoneNumber(input.signal)
      return {
        platform: 'whatsapp' as const,
        externalAccountId: number.id,
        displayName: number.verified_name,
        handle: number.display_phone_number,
        tokens: { accessToken: input.accessToken },
      }
    },

    /** A text answer to an inbound message, quoting it; allowed within the customer's 24-hour window. */
    async reply(
      input: Parameters<NonNullable<SocialProvider['reply']>>[0],
    ): Promise<{ externalId: string }> {
      const to = input.to.conversationId ?? input.to.author.externalId
      // A reaction is not a message to quote: the answer goes to the conversation unquoted.
      const quoted = input.to.type === 'REACTION' ? undefined : input.to.externalId
      const answer = await createClient(clientOptions, input.account).sendMessage(
        buildReply(to, quoted, input.text),
        input.signal,
      )
      return { externalId: answer.messages[0]!.id }
    },

    /**
     * Uploads a file once to send it by id (`mediaIdUrl(id)` as the MediaItem url) to many recipients.
     * @see https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#upload-media
     */
    async uploadMedia(input: {
      account: AccountAuth
      data: Blob
      mimeType: string
      fileName: string
      signal?: AbortSignal
    }): Promise<{ id: string }> {
      return createClient(clientOptions, input.account).uploadMedia(input)
    },

    webhooks: graphWebhooks(options, parseWhatsAppWebhook),
  } satisfies SocialProvider & Record<string, unknown>
  return provider
}

export type WhatsAppProvider = ReturnType<typeof whatsapp>
