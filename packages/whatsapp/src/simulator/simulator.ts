import { randomInt } from 'node:crypto'
import type { AccountAuth } from '@statex/core'
import {
  createTokenRegistry,
  createWebhookPusher,
  graphSimulatorControls,
  newAccessToken,
  type GraphWebhookControls,
} from '@statex/graph/testing'
import {
  FaultQueue,
  SimClock,
  startSimulatorServer,
  type PlatformSimulator,
  type RecordedRequest,
  type SimResponse,
} from '@statex/testkit/simulator'
import {
  graphError,
  renderFault,
  invalidToken,
  requiredParameter,
  unknownObject,
} from './graph-errors.js'
import {
  inboundPayload,
  newWamid,
  signedDelivery,
  statusPayload,
  type SimStatus,
} from './payloads.js'
import { createSendMessage } from './send-message.js'
import {
  SIMULATED_CUSTOMERS,
  STATUS_DELAYS,
  toPost,
  type Account,
  type InboundMessage,
  type SentMessage,
} from './state.js'

export { SERVICE_WINDOW_MS, SIMULATED_CUSTOMERS, STATUS_DELAYS } from './state.js'

export interface WhatsAppSimulatorOptions {
  port?: number
  host?: string
  /** Signs webhook deliveries (X-Hub-Signature-256). Default `simulator-app-secret`. */
  appSecret?: string
  /** Where to push status and inbound-message webhooks as they happen. */
  webhookUrl?: string
  /**
   * How error 131047 (free-form message outside the 24-hour window) is reported. The Cloud API
   * accepts the send (200, a wamid) and then reports a `failed` status by webhook: `status_webhook`,
   * the default. `send_response` answers the send itself with the error, as the On-Premises API
   * and some providers do, so callers can be tested against both.
   */
  reEngagementErrors?: 'status_webhook' | 'send_response'
  /**
   * Ticks once a second in real time so statuses due by the clock are pushed without anyone
   * calling `advance` (the sandbox). Default true; the timer never keeps the process alive.
   */
  realtime?: boolean
  /** Approved templates (name + language). Default: `hello_world`/`en_US` and `statex_update`/`en_US`. */
  templates?: { name: string; language: string }[]
}

export type { WebhookLogEntry } from '@statex/graph/testing'

export interface WhatsAppSimulator extends PlatformSimulator, GraphWebhookControls {
  readonly platform: 'whatsapp'
  readonly appSecret: string
  addTemplate(name: string, language: string): void
  simulateInteraction(input: {
    account: AccountAuth
    externalPostId?: string
    text: string
    authorName?: string
    from?: string
  }): { externalId: string }
  /** A customer reacts to a message the business sent. */
  simulateReaction(input: { account: AccountAuth; messageId: string; emoji: string }): {
    externalId: string
  }
  /** The status of a sent message as the simulator holds it now. */
  statusOf(account: AccountAuth, wamid: string): SimStatus | undefined
}

const digits = (n: number) =>
  Array.from({ length: n }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10))).join('')

export async function createWhatsAppSimulator(
  options: WhatsAppSimulatorOptions = {},
): Promise<WhatsAppSimulator> {
  const appSecret = options.appSecret ?? 'simulator-app-secret'
  const mode = options.reEngagementErrors ?? 'status_webhook'
  const clock = new SimClock()
  const faults = new FaultQueue()
  const accounts = new Map<string, Account>()
  const tokens = createTokenRegistry<{ phoneNumberId: string }>({
    now: () => clock.date(),
    missing: invalidToken,
  })
  const sent: SentMessage[] = []
  const inbound: InboundMessage[] = []
  const media = new Map<string, string>()
  const templates = new Set(
    (
      options.templates ?? [
        { name: 'hello_world', language: 'en_US' },
        { name: 'statex_update', language: 'en_US' },
      ]
    ).map((t) => `${t.name}|${t.language}`),
  )
  const webhooks = createWebhookPusher({ appSecret, url: options.webhookUrl })
  const push = webhooks.push
  const afterAnswer = webhooks.afterAnswer

  /** Advances every message whose next status is due, pushing one webhook per change. */
  function tick(): void {
    const now = clock.now()
    for (const message of sent) {
      if (message.status === 'failed' || message.status === 'read') continue
      for (const status of ['sent', 'delivered', 'read'] as const) {
        if (message.history.some((h) => h.status === status)) continue
        const at = message.createdAt + STATUS_DELAYS[status]
        if (at > now) break
        message.history.push({ status, at })
        message.status = status
        push(
          statusPayload(accountOf(message.phoneNumberId), {
            id: message.id,
            status,
            at,
            recipientId: message.to,
          }),
        )
      }
    }
  }

  function accountOf(phoneNumberId: string): Account {
    const account = accounts.get(phoneNumberId)
    if (!account) throw new Error(`The simulator has no phone number ${phoneNumberId}`)
    return account
  }

  function authenticate(request: RecordedRequest, phoneNumberId: string): SimResponse | Account {
    const auth = tokens.authenticate(request)
    if ('status' in auth) return auth
    if (auth.data.phoneNumberId !== phoneNumberId) return unknownObject(phoneNumberId)
    return accountOf(phoneNumberId)
  }

  const sendMessage = createSendMessage({
    clock,
    sent,
    mode,
    knownMedia: (id, account) => media.get(id) === account.phoneNumberId,
    knownTemplate: (name, language) => templates.has(`${name}|${language}`),
    push,
    afterAnswer,
    tick,
  })

  function uploadMedia(account: Account, request: RecordedRequest): SimResponse {
    const fields = (request.body ?? {}) as Record<string, unknown>
    if (fields.messaging_product !== 'whatsapp') return requiredParameter('messaging_product')
    if (!fields.file || typeof fields.file !== 'object') return requiredParameter('file')
    const id = digits(16)
    media.set(id, account.phoneNumberId)
    return { status: 200, body: { id } }
  }

  const server = await startSimulatorServer({
    faults,
    port: options.port,
    host: options.host,
    handler: (request) => {
      // GET /{Version}/{Phone-Number-ID}: the phone number node (WhatsApp Business Phone Number API).
      const node = /^\/(v\d+\.\d+)\/([^/]+)$/.exec(request.path)
      if (node && request.method === 'GET') {
        const phoneNumberId = decodeURIComponent(node[2]!)
        const account = authenticate(request, phoneNumberId)
        if ('status' in account) return account
        return {
          status: 200,
          body: {
            id: account.phoneNumberId,
            display_phone_number: account.displayPhoneNumber,
            verified_name: account.name,
            quality_rating: 'GREEN',
          },
        }
      }
      const match = /^\/(v\d+\.\d+)\/([^/]+)\/(messages|media)$/.exec(request.path)
      if (!match)
        return graphError({
          status: 400,
          code: 2500,
          message: `Unknown path components: ${request.path}`,
        })
      if (request.method !== 'POST')
        return graphError({
          status: 400,
          code: 100,
          message: `Unsupported ${request.method} request.`,
          type: 'GraphMethodException',
        })
      const phoneNumberId = decodeURIComponent(match[2]!)
      if (!accounts.has(phoneNumberId)) {
        const auth = authenticate(request, phoneNumberId)
        return 'status' in auth ? auth : unknownObject(phoneNumberId)
      }
      const account = authenticate(request, phoneNumberId)
      if ('status' in account) return account
      tick()
      return match[3] === 'messages' ? sendMessage(account, request) : uploadMedia(account, request)
    },
    renderFault: (fault, request) => {
      const phoneNumberId = /^\/v[^/]+\/([^/]+)\//.exec(request.path)?.[1] ?? ''
      return renderFault(fault, accounts.get(phoneNumberId)?.wabaId ?? phoneNumberId)
    },
  })

  function recordInbound(
    account: Account,
    input: {
      from: string
      name?: string
      text: string
      contextId?: string
      message?: Record<string, unknown>
    },
  ) {
    const at = clock.now()
    const customer = account.customers.get(input.from) ?? {
      name: input.name ?? `Customer ${input.from.slice(-4)}`,
    }
    if (input.name) customer.name = input.name
    customer.lastInboundAt = at
    account.customers.set(input.from, customer)
    const id = newWamid(input.from)
    inbound.push({
      id,
      phoneNumberId: account.phoneNumberId,
      from: input.from,
      text: input.text,
      at,
      contextId: input.contextId,
    })
    const payload = inboundPayload(account, {
      id,
      from: input.from,
      name: customer.name,
      at,
      message: input.message ?? { type: 'text', text: { body: input.text } },
      contextId: input.contextId,
    })
    return { id, payload }
  }

  function senderFor(
    account: Account,
    input: { externalPostId?: string; authorName?: string; from?: string },
  ): string {
    if (input.from) return input.from.replace(/^\+/, '')
    const quoted = input.externalPostId
      ? sent.find((m) => m.id === input.externalPostId && m.phoneNumberId === account.phoneNumberId)
      : undefined
    if (quoted) return quoted.to
    const named = [...account.customers].find(([, c]) => c.name === input.authorName)
    return named?.[0] ?? SIMULATED_CUSTOMERS[0]!.waId
  }

  const accountFor = (auth: AccountAuth) => accountOf(auth.externalAccountId)
  const timer = options.realtime === false ? undefined : setInterval(tick, 1_000)
  timer?.unref()

  const simulator: WhatsAppSimulator = {
    platform: 'whatsapp',
    baseUrl: server.url,
    appSecret,
    requests: server.requests,
    ...graphSimulatorControls({ clock, faults, tokens, webhooks, server }),

    createAccount(input = {}) {
      const phoneNumberId = input.externalAccountId ?? digits(15)
      const auth: AccountAuth = {
        accessToken: input.accessToken ?? newAccessToken(),
        externalAccountId: phoneNumberId,
      }
      const now = clock.now()
      accounts.set(phoneNumberId, {
        name: input.name ?? `Business ${phoneNumberId.slice(-4)}`,
        auth,
        phoneNumberId,
        displayPhoneNumber: `1555${digits(7)}`,
        wabaId: digits(15),
        customers: new Map(
          SIMULATED_CUSTOMERS.map((c) => [c.waId, { name: c.name, lastInboundAt: now }]),
        ),
      })
      tokens.add(auth.accessToken, { phoneNumberId })
      return auth
    },
    listAccounts: () => [...accounts.values()].map((a) => ({ name: a.name, auth: a.auth })),
    listPosts(auth) {
      tick()
      return sent
        .filter((m) => m.phoneNumberId === auth.externalAccountId)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((m) => toPost(m, inbound))
    },
    findPost(auth, externalId) {
      tick()
      const message = sent.find(
        (m) => m.id === externalId && m.phoneNumberId === auth.externalAccountId,
      )
      return message && toPost(message, inbound)
    },
    countPosts: (auth) => sent.filter((m) => m.phoneNumberId === auth.externalAccountId).length,
    simulateInteraction(input) {
      const account = accountFor(input.account)
      const from = senderFor(account, input)
      const { id, payload } = recordInbound(account, {
        from,
        name: input.authorName,
        text: input.text,
        contextId: input.externalPostId,
      })
      push(payload)
      return { externalId: id }
    },
    simulateReaction(input) {
      const account = accountFor(input.account)
      const from = senderFor(account, { externalPostId: input.messageId })
      const { id, payload } = recordInbound(account, {
        from,
        text: input.emoji,
        message: {
          type: 'reaction',
          reaction: { message_id: input.messageId, emoji: input.emoji },
        },
      })
      push(payload)
      return { externalId: id }
    },
    webhookDelivery(input) {
      const account = accountFor(input.account)
      return signedDelivery(
        recordInbound(account, { from: SIMULATED_CUSTOMERS[0]!.waId, text: input.text }).payload,
        appSecret,
      )
    },
    advance(ms) {
      clock.advance(ms)
      tick()
    },
    statusOf(auth, wamid) {
      tick()
      return sent.find((m) => m.id === wamid && m.phoneNumberId === auth.externalAccountId)?.status
    },
    addTemplate(name, language) {
      templates.add(`${name}|${language}`)
    },
    async close() {
      clearInterval(timer)
      await simulator.flushWebhooks()
      await server.close()
    },
  }

  return simulator
}
