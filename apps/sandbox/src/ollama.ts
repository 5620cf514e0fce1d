import type { IncomingMessage, ServerResponse } from 'node:http'
import { BodyTooLargeError, readSmallBody, sendJson } from './http.js'

/** The one model the sandbox offers; `OLLAMA_MODEL` may name any, the sandbox answers all. */
export const SANDBOX_MODEL = 'sandbox'
/** Every answer starts with it, so nobody mistakes a sandbox draft for a model's. */
export const SANDBOX_REPLY_MARK = '[Sandbox reply]'

interface ChatMessage {
  role: string
  content: string
}

/**
 * A reply built from the prompt alone, no model: the first FAQ answer quoted to it (what a good
 * model would use), else a promise that a colleague follows up; the triage prompt gets a neutral
 * JSON verdict. Within the length the prompt asks for.
 */
export function sandboxAnswer(messages: readonly ChatMessage[]): string {
  const system = messages.find((m) => m.role === 'system')?.content ?? ''
  const user = [...messages].reverse().find((m) => m.role === 'user')?.content ?? ''
  if (/Answer only JSON/.test(system)) return '{"sentiment":"neutral","intent":"other"}'
  if (/write posts/.test(system)) return sandboxAssist(system, user)
  const faq = /FAQ:\nQ: [^\n]*\nA: ([^\n]+)/.exec(user)?.[1]
  const author = /\n\n([^\n]+) wrote:\n/.exec(`\n\n${user}`)?.[1]
  const greeting =
    author && author !== 'The person' ? `Thanks, ${author}!` : 'Thanks for your message!'
  const signature = /End with the signature: (.+)$/m.exec(system)?.[1]
  const body = faq ?? 'A colleague will follow up shortly.'
  const text = [SANDBOX_REPLY_MARK, greeting, body, signature].filter(Boolean).join(' ')
  const limit = Number(
    /Keep it under (\d+) characters|under (\d+) characters/
      .exec(`${system}\n${user}`)
      ?.slice(1)
      .find(Boolean) ?? Infinity,
  )
  return text.length > limit ? `${text.slice(0, Math.max(0, limit - 1))}…` : text
}

/**
 * The composer's assist (`@statex/ai` assistMessages): the post itself, marked, with two hashtags
 * when asked for them, cut to the limit the prompt names — what a model would return, minus the craft.
 */
function sandboxAssist(system: string, user: string): string {
  const post = /\n\nPost:\n([\s\S]*)$/.exec(user)?.[1]?.trim() ?? ''
  const text = /hashtags/.test(user)
    ? `${SANDBOX_REPLY_MARK} ${post}\n#sandbox #statex`
    : `${SANDBOX_REPLY_MARK} ${post}`
  const limit = Number(/Keep it under (\d+) characters/.exec(system)?.[1] ?? Infinity)
  return text.length > limit ? `${text.slice(0, Math.max(0, limit - 1))}…` : text
}

/**
 * The subset of the Ollama API the product uses, answered as Ollama does
 * (https://github.com/ollama/ollama/blob/main/docs/api.md): `GET /api/tags`, `POST /api/chat`
 * with `stream: false`, `GET /api/version`. Point `OLLAMA_URL` at the sandbox and the whole inbox
 * flow works with no model installed.
 */
export async function handleOllama(
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET'
  if (method === 'GET' && path === '/api/version')
    return sendJson(res, 200, { version: '0.0.0-sandbox' })
  if (method === 'GET' && path === '/api/tags')
    return sendJson(res, 200, {
      models: [
        {
          name: `${SANDBOX_MODEL}:latest`,
          model: `${SANDBOX_MODEL}:latest`,
          modified_at: new Date(0).toISOString(),
          size: 0,
          digest: '0'.repeat(64),
          details: {
            parent_model: '',
            format: 'sandbox',
            family: 'sandbox',
            families: ['sandbox'],
            parameter_size: '0',
            quantization_level: 'none',
          },
        },
      ],
    })
  if (method !== 'POST' || path !== '/api/chat')
    return sendJson(res, 404, { error: `the sandbox's Ollama endpoint has no ${method} ${path}` })
  let body: { model?: unknown; messages?: unknown; stream?: unknown }
  try {
    body = JSON.parse(await readSmallBody(req)) as typeof body
  } catch (error) {
    return sendJson(res, error instanceof BodyTooLargeError ? 413 : 400, {
      error: error instanceof BodyTooLargeError ? error.message : 'the body is not JSON',
    })
  }
  if (typeof body.model !== 'string' || !body.model)
    return sendJson(res, 400, { error: 'model is required' })
  const messages = Array.isArray(body.messages)
    ? body.messages.filter(
        (m): m is ChatMessage =>
          typeof m === 'object' && m !== null && typeof (m as ChatMessage).content === 'string',
      )
    : []
  if (messages.length === 0) return sendJson(res, 400, { error: 'messages are required' })
  if (body.stream !== false)
    return sendJson(res, 400, { error: 'the sandbox answers with "stream": false only' })
  const content = sandboxAnswer(messages)
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length
  return sendJson(res, 200, {
    model: body.model,
    created_at: new Date().toISOString(),
    message: { role: 'assistant', content },
    done_reason: 'stop',
    done: true,
    total_duration: 0,
    load_duration: 0,
    prompt_eval_count: messages.reduce((sum, m) => sum + words(m.content), 0),
    prompt_eval_duration: 0,
    eval_count: words(content),
    eval_duration: 0,
  })
}
