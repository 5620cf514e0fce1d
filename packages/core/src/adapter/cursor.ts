import { ProviderError } from '../errors.js'
import type { Platform } from '../platform.js'

/** A polling position as an opaque `nextCursor`: base64url JSON, so callers store one string. */
export function encodeCursor(state: object): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url')
}

/**
 * The state inside a cursor `encodeCursor` made, or `initial` when there is none; a cursor that
 * fails `isValid` is an invalid_request naming it, never a silent restart.
 */
export function decodeCursor<T>(
  platform: Platform,
  value: string | undefined,
  initial: T,
  isValid: (state: unknown) => state is T,
): T {
  if (value === undefined) return initial
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
  } catch {
    parsed = undefined
  }
  if (isValid(parsed)) return parsed
  throw new ProviderError({
    kind: 'invalid_request',
    platform,
    message: `The cursor "${value}" is not one listInteractions returned.`,
  })
}
