import { METHOD_FIELDS } from './spec.js'

/** A Bot API error answer, rendered as `{ ok: false, error_code, description, parameters? }`. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description)
  }
}

export const badRequest = (what: string) => new ApiError(400, `Bad Request: ${what}`)

/** Method names as Telegram matches them: case-insensitively. */
const CANONICAL = new Map(Object.keys(METHOD_FIELDS).map((name) => [name.toLowerCase(), name]))
export const canonicalMethod = (name: string) => CANONICAL.get(name.toLowerCase())

// What Telegram answers when a required parameter is missing, where it has its own wording.
const MISSING: Record<string, string> = {
  text: 'message text is empty',
  chat_id: 'chat_id is empty',
  photo: 'there is no photo in the request',
  video: 'there is no video in the request',
  document: 'there is no document in the request',
  media: 'media is empty',
  question: 'poll question must be non-empty',
  options: 'poll options must be non-empty',
  message_id: 'message identifier is not specified',
  url: 'url is empty',
}

function matchesType(value: unknown, type: string): boolean {
  if (type === 'Integer') return typeof value === 'number' && Number.isInteger(value)
  if (type === 'Float') return typeof value === 'number'
  if (type === 'Boolean') return typeof value === 'boolean'
  if (type === 'String') return typeof value === 'string'
  if (type === 'InputFile') return typeof value === 'object' && value !== null
  if (type.startsWith('Array of ')) return Array.isArray(value)
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Decodes the parameters of one call as the Bot API does: the query string and the body (JSON,
 * form-urlencoded or multipart) merged; in the string forms, non-String parameters are
 * JSON-serialized (`"123"`, `"true"`, `{"message_id":1}`). Then checks required parameters and
 * types against api.json. Unknown parameters are ignored.
 */
export function decodeParams(
  method: string,
  query: URLSearchParams,
  body: unknown,
): Record<string, unknown> {
  const fields = METHOD_FIELDS[method] ?? {}
  const raw: Record<string, unknown> = { ...Object.fromEntries(query) }
  if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(raw, body)
  else if (typeof body === 'string' && body.trim()) throw badRequest('invalid request body')

  const params: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(fields)) {
    const required = spec.endsWith('!')
    const types = spec.replace(/!$/, '').split('|')
    let value = raw[name]
    if (value === undefined || value === null || value === '') {
      if (required) throw badRequest(MISSING[name] ?? `${name} is empty`)
      continue
    }
    if (typeof value === 'string' && !types.includes('String')) {
      try {
        value = JSON.parse(value)
      } catch {
        throw badRequest(`can't parse ${name} JSON`)
      }
    }
    // `Integer or String` chat ids: a numeric string names the same chat as the number.
    if (
      types.includes('Integer') &&
      typeof value === 'string' &&
      /^-?\d+$/.test(value) &&
      !types.includes('InputFile')
    ) {
      value = Number(value)
    }
    if (!types.some((type) => matchesType(value, type))) {
      throw badRequest(`field "${name}" must be of type ${types.join(' or ')}`)
    }
    params[name] = value
  }
  return params
}
