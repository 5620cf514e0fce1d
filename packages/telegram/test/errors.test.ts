import type { HttpResponse } from '@statex/core/adapter'
import { describe, expect, it } from 'vitest'
import { classifyTelegramError } from '../src/index.js'

/** An answer as sendRequest hands it to the classifier, with a body shaped as the Bot API documents. */
function answer(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return {
    status,
    headers: new Headers(headers),
    json: typeof body === 'string' ? undefined : body,
    text,
  }
}

const TOKEN = '7000001031:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1'

describe('classifyTelegramError', () => {
  it('429 with parameters.retry_after → rate_limited with retryAfterMs, not sent', () => {
    const error = classifyTelegramError(
      answer(429, {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 35',
        parameters: { retry_after: 35 },
      }),
      { method: 'sendMessage' },
    )
    expect(error).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 35_000,
      outcome: 'not_sent',
      status: 429,
      platformCode: 429,
    })
    expect(error.retryable).toBe(true)
  })

  it('429 without parameters falls back to the seconds in the description', () => {
    const error = classifyTelegramError(
      answer(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 4' }),
    )
    expect(error.retryAfterMs).toBe(4000)
  })

  it('401 Unauthorized → auth_revoked: bot tokens do not expire, a reset one answers 401', () => {
    const error = classifyTelegramError(
      answer(401, { ok: false, error_code: 401, description: 'Unauthorized' }),
      { secrets: [TOKEN] },
    )
    expect(error.kind).toBe('auth_revoked')
    expect(error.message).toContain('@BotFather')
    expect(error.retryable).toBe(false)
  })

  it.each([
    ['Forbidden: bot was kicked from the channel chat', 'auth_revoked', 'add it back'],
    ['Forbidden: bot is not a member of the channel chat', 'auth_revoked', 'administrator'],
    ['Forbidden: not enough rights to send text messages to the chat', 'auth_revoked', 'rights'],
    ['Forbidden: bot was blocked by the user', 'invalid_request', 'unblock'],
    ["Forbidden: bot can't initiate conversation with a user", 'invalid_request', 'start a chat'],
  ])('403 "%s" → %s, saying what to fix', (description, kind, fix) => {
    const error = classifyTelegramError(answer(403, { ok: false, error_code: 403, description }))
    expect(error.kind).toBe(kind)
    expect(error.platformMessage).toBe(description)
    expect(error.message).toContain(fix)
  })

  it('400 Bad Request → invalid_request with Telegram’s description', () => {
    const error = classifyTelegramError(
      answer(400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' }),
    )
    expect(error).toMatchObject({
      kind: 'invalid_request',
      platformMessage: 'Bad Request: message is too long',
      outcome: 'not_sent',
    })
    expect(error.message).toContain('Bad Request: message is too long')
  })

  it.each([
    'Bad Request: chat not found',
    'Bad Request: message to delete not found',
    'Bad Request: message to be replied not found',
  ])('400 "%s" → not_found', (description) => {
    expect(
      classifyTelegramError(answer(400, { ok: false, error_code: 400, description })).kind,
    ).toBe('not_found')
  })

  it('parameters.migrate_to_chat_id → invalid_request naming the new chat id', () => {
    const error = classifyTelegramError(
      answer(400, {
        ok: false,
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: -1001987654321 },
      }),
    )
    expect(error.kind).toBe('invalid_request')
    expect(error.message).toContain('-1001987654321')
  })

  it('409 Conflict (webhook set while polling) → invalid_request explaining deleteWebhook', () => {
    const error = classifyTelegramError(
      answer(409, {
        ok: false,
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      }),
      { method: 'getUpdates' },
    )
    expect(error.kind).toBe('invalid_request')
    expect(error.message).toContain('deleteWebhook')
    const other = classifyTelegramError(
      answer(409, {
        ok: false,
        error_code: 409,
        description:
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      }),
    )
    expect(other.message).toContain('Another program polls')
  })

  it('5xx → transient; unknown outcome for sends (the message may be out), not_sent for reads', () => {
    const body = { ok: false, error_code: 502, description: 'Bad Gateway' }
    const send = classifyTelegramError(answer(502, body), { method: 'sendMessage' })
    expect(send).toMatchObject({ kind: 'transient', outcome: 'unknown', status: 502 })
    expect(send.retryable).toBe(false)
    const read = classifyTelegramError(answer(502, body), { method: 'getUpdates' })
    expect(read).toMatchObject({ kind: 'transient', outcome: 'not_sent' })
    expect(read.retryable).toBe(true)
    const html = classifyTelegramError(
      answer(504, '<html><body>504 Gateway Time-out</body></html>'),
      { method: 'sendPhoto' },
    )
    expect(html).toMatchObject({ kind: 'transient', outcome: 'unknown', status: 504 })
  })

  it('404 (malformed token) → auth_revoked; the token never shows in the error', () => {
    const error = classifyTelegramError(
      answer(404, { ok: false, error_code: 404, description: 'Not Found' }),
      { secrets: [TOKEN] },
    )
    expect(error.kind).toBe('auth_revoked')
    expect(JSON.stringify(error)).not.toContain(TOKEN)
  })
})
