import { randomBytes } from 'node:crypto'
import type { Fault, RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import { METHODS, type MethodContext } from './methods.js'
import { ApiError, canonicalMethod, decodeParams } from './params.js'
import type { SimBot } from './state.js'

const TOKEN_SHAPE = /^\d{5,12}:[A-Za-z0-9_-]{30,}$/

/** The Bot API error envelope. */
export function apiError(status: number, description: string, parameters?: object): SimResponse {
  return {
    status,
    body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
  }
}

/** File ids and webhook URL rules shared by every bot of one simulator. */
export function createMethodContext(): MethodContext {
  const files = new Set<string>()
  const prefixes = { photo: 'AgACAgIAAxk', video: 'BAACAgIAAxk', document: 'BQACAgIAAxk' }
  return {
    newFile(kind) {
      const id = `${prefixes[kind]}${randomBytes(24).toString('base64url')}`
      files.add(id)
      return { file_id: id, file_unique_id: `AQAD${randomBytes(9).toString('base64url')}` }
    },
    knowsFile: (fileId) => files.has(fileId),
    webhookUrlAllowed(url) {
      try {
        const parsed = new URL(url)
        // Telegram requires HTTPS; plain HTTP to this machine lets tests and the sandbox receive pushes.
        return (
          parsed.protocol === 'https:' ||
          ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)
        )
      } catch {
        return false
      }
    },
  }
}

/** Routes `/bot<token>/<method>` to the bot and method, answering in the Bot API envelope. */
export function createHandler(bots: ReadonlyMap<string, SimBot>, context: MethodContext) {
  return (request: RecordedRequest): SimResponse => {
    const match = /^\/bot([^/]*)\/([A-Za-z]+)$/.exec(request.path)
    // Telegram answers 404 both to unknown methods and to tokens that are not token-shaped.
    if (!match || !TOKEN_SHAPE.test(match[1]!)) return apiError(404, 'Not Found')
    const bot = bots.get(match[1]!)
    if (!bot || bot.revoked) return apiError(401, 'Unauthorized')
    const method = canonicalMethod(match[2]!)
    if (!method) return apiError(404, 'Not Found')
    try {
      const params = decodeParams(method, request.query, request.body)
      return { status: 200, body: { ok: true, result: METHODS[method]!(bot, params, context) } }
    } catch (caught) {
      if (caught instanceof ApiError)
        return apiError(caught.code, caught.description, caught.parameters)
      throw caught
    }
  }
}

/** Injected faults in Telegram's own error format. */
export function renderTelegramFault(
  fault: Extract<Fault, { type: 'rate_limit' | 'server_error' | 'reject_content' }>,
): SimResponse {
  if (fault.type === 'rate_limit') {
    const n = fault.retryAfterSeconds
    return apiError(429, `Too Many Requests: retry after ${n}`, { retry_after: n })
  }
  if (fault.type === 'server_error') {
    const status = fault.status ?? 500
    return apiError(status, status === 502 ? 'Bad Gateway' : 'Internal Server Error')
  }
  return apiError(400, `Bad Request: ${fault.message ?? 'content rejected'}`)
}
