import type { Fault, SimResponse } from '@statex/testkit/simulator'

/** Error bodies as LinkedIn documents them (api-guide/concepts/error-handling). */
export const liErrors = {
  body: (status: number, message: string, extra: Record<string, unknown> = {}): SimResponse => ({
    status,
    body: { status, message, ...extra },
  }),
  revoked: () =>
    liErrors.body(401, 'The token used in the request has been revoked by the user', {
      serviceErrorCode: 65601,
      code: 'REVOKED_ACCESS_TOKEN',
    }),
  expired: () =>
    liErrors.body(401, 'The token used in the request has expired', {
      serviceErrorCode: 65602,
      code: 'EXPIRED_ACCESS_TOKEN',
    }),
  invalidToken: () =>
    liErrors.body(401, 'Invalid access token', {
      serviceErrorCode: 65600,
      code: 'INVALID_ACCESS_TOKEN',
    }),
  denied: (resource: string) =>
    liErrors.body(403, `Not enough permissions to access: ${resource}`, {
      serviceErrorCode: 100,
      code: 'ACCESS_DENIED',
    }),
  notFound: (what: string) =>
    liErrors.body(404, `Not Found: ${what}`, { serviceErrorCode: 0, code: 'NOT_FOUND' }),
  illegal: (message: string) => liErrors.body(400, message, { code: 'ILLEGAL_ARGUMENT' }),
  unprocessable: (lines: string[]) =>
    liErrors.body(422, lines.map((l) => `ERROR :: ${l}\n`).join('')),
}

export function renderLinkedInFault(
  fault: Extract<Fault, { type: 'rate_limit' | 'server_error' | 'reject_content' }>,
): SimResponse {
  if (fault.type === 'rate_limit') {
    // LinkedIn documents no reset header; an injected limit states its wait so tests can check
    // that an answer saying otherwise is honoured (the adapter's default is midnight UTC).
    const response = liErrors.body(
      429,
      'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
      { serviceErrorCode: 101, code: 'TOO_MANY_REQUESTS' },
    )
    return { ...response, headers: { 'retry-after': String(fault.retryAfterSeconds) } }
  }
  if (fault.type === 'server_error')
    return liErrors.body(
      fault.status ?? 500,
      fault.status === 503 ? 'Service Unavailable' : 'Internal Server Error',
    )
  return liErrors.unprocessable([`/commentary :: ${fault.message ?? 'content rejected'}`])
}
