import type { IncomingMessage, ServerResponse } from 'node:http'

/** Small answers shared by the sandbox's own routes (the proxy streams and does not use them). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body, null, 2)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(payload)
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The pages are static HTML with inline CSS; nothing else may run or be framed.
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; form-action 'self' http: https:",
    'x-content-type-options': 'nosniff',
  })
  res.end(html)
}

export function redirect(res: ServerResponse, location: string, status: 302 | 303 = 303): void {
  res.writeHead(status, { location, 'cache-control': 'no-store' })
  res.end()
}

const MAX_FORM_BYTES = 64 * 1024

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError'
}

/** Reads a small request body (forms, token requests) as text. */
export async function readSmallBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_FORM_BYTES)
      throw new BodyTooLargeError(`Body larger than ${MAX_FORM_BYTES} bytes`)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Parses an urlencoded or JSON body into flat string fields (anything else is ignored). */
export function parseFields(raw: string, contentType: string | undefined): Record<string, string> {
  const type = (contentType ?? '').toLowerCase()
  if (type.includes('application/json')) {
    try {
      const value: unknown = JSON.parse(raw)
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        return Object.fromEntries(
          Object.entries(value).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        )
      }
    } catch {
      return {}
    }
    return {}
  }
  return Object.fromEntries(new URLSearchParams(raw))
}
