/** Graph error envelopes and the standard answers every Meta simulator gives (token, object, path, parameter). */
import { randomBytes, randomInt } from 'node:crypto'
import type { SimResponse } from '@statex/testkit/simulator'

/** One Graph error answer as Meta sends it. */
export interface GraphErrorInit {
  status: number
  code: number
  message: string
  subcode?: number
  type?: string
  transient?: boolean
  userTitle?: string
  userMessage?: string
  /** `error_data` as the product sends it (WhatsApp: `{ messaging_product, details }`). */
  errorData?: unknown
  headers?: Record<string, string>
}

const traceId = () => randomBytes(9).toString('base64url')

/** Digits in the shape of a Graph object id. */
export const graphId = (n = 15) =>
  Array.from({ length: n }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10))).join('')

/** The Graph error envelope (`message`, `type`, `code`, `error_subcode`, `is_transient`, `fbtrace_id`). */
export function graphError(init: GraphErrorInit): SimResponse {
  const error: Record<string, unknown> = {
    message: init.message,
    type: init.type ?? 'OAuthException',
    code: init.code,
  }
  if (init.subcode !== undefined) error.error_subcode = init.subcode
  if (init.transient !== undefined) error.is_transient = init.transient
  if (init.userTitle) error.error_user_title = init.userTitle
  if (init.userMessage) error.error_user_msg = init.userMessage
  if (init.errorData !== undefined) error.error_data = init.errorData
  error.fbtrace_id = traceId()
  const headers: Record<string, string> = { ...init.headers }
  if (init.status === 401) headers['www-authenticate'] = 'OAuth "Facebook Platform" "invalid_token"'
  return { status: init.status, headers, body: { error } }
}

export const invalidToken = (): SimResponse =>
  graphError({
    status: 401,
    code: 190,
    message: 'Invalid OAuth access token - Cannot parse access token',
  })

export const expiredToken = (now: Date): SimResponse =>
  graphError({
    status: 401,
    code: 190,
    subcode: 463,
    message: `Error validating access token: Session has expired on ${new Date(now.getTime() - 3600_000).toUTCString()}. The current time is ${now.toUTCString()}.`,
  })

export const revokedToken = (): SimResponse =>
  graphError({
    status: 401,
    code: 190,
    subcode: 460,
    message:
      'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  })

export const invalidAppSecretProof = (): SimResponse =>
  graphError({
    status: 400,
    code: 100,
    type: 'GraphMethodException',
    message: 'Invalid appsecret_proof provided in the API argument',
  })

export const unknownObject = (id: string, method = 'get'): SimResponse =>
  graphError({
    status: 400,
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message: `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  })

export const unknownPath = (path: string): SimResponse =>
  graphError({ status: 400, code: 2500, message: `Unknown path components: ${path}` })

/** `(#100) …` for a missing or bad parameter, as Graph validates requests. */
export const parameterError = (message: string, subcode?: number): SimResponse =>
  graphError({
    status: 400,
    code: 100,
    message: `(#100) ${message}`,
    ...(subcode ? { subcode } : {}),
  })
