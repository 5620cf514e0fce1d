import { createHmac, timingSafeEqual } from 'node:crypto'

export type RawBody = string | Uint8Array

function bytes(value: RawBody): Buffer {
  return typeof value === 'string'
    ? Buffer.from(value, 'utf8')
    : Buffer.from(value.buffer, value.byteOffset, value.byteLength)
}

/** Constant-time comparison of two strings; false for different lengths without leaking where. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  if (left.length !== right.length) {
    // Compare anyway so the time does not depend on where the lengths differ.
    timingSafeEqual(left, left)
    return false
  }
  return timingSafeEqual(left, right)
}

export function hmacSha256(secret: string, body: RawBody, encoding: 'hex' | 'base64'): string {
  return createHmac('sha256', secret).update(bytes(body)).digest(encoding)
}

/**
 * Verifies a `sha256=<digest>` style signature (Meta's X-Hub-Signature-256 in hex, X's
 * x-twitter-webhooks-signature in base64) over the raw body bytes, in constant time.
 */
export function verifyHmacSignature(input: {
  secret: string
  rawBody: RawBody
  signature: string | undefined
  encoding: 'hex' | 'base64'
  prefix?: string
}): boolean {
  const prefix = input.prefix ?? 'sha256='
  if (!input.signature || !input.signature.startsWith(prefix)) return false
  const expected = hmacSha256(input.secret, input.rawBody, input.encoding)
  const given = input.signature.slice(prefix.length)
  return safeEqual(input.encoding === 'hex' ? given.toLowerCase() : given, expected)
}

/** Reads a header from the plain-object form webhooks hand over, case-insensitively. */
export function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value
  }
  return undefined
}
