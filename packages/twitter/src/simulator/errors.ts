import type { Fault, SimResponse } from '@statex/testkit/simulator'

export const PROBLEMS = 'https://api.twitter.com/2/problems/'
/** Bodies as X sends them (latest-openapi.json `Problem`, `Error`; docs.x.com response codes). */
export const xErrors = {
  unauthorized: (): SimResponse => ({
    status: 401,
    body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
  }),
  forbidden: (detail = 'Forbidden'): SimResponse => ({
    status: 403,
    body: { title: 'Forbidden', type: 'about:blank', status: 403, detail },
  }),
  invalid: (messages: string[], parameters: Record<string, unknown> = {}): SimResponse => ({
    status: 400,
    body: {
      errors: messages.map((message) => ({ parameters, message })),
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: `${PROBLEMS}invalid-request`,
    },
  }),
  notFound: (detail: string): SimResponse => ({
    status: 404,
    body: { title: 'Not Found Error', detail, type: `${PROBLEMS}resource-not-found` },
  }),
  tooMany: (retryAfterSeconds: number): SimResponse => {
    const reset = Math.ceil(Date.now() / 1000) + retryAfterSeconds
    return {
      status: 429,
      headers: {
        'x-rate-limit-limit': '100',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(reset),
      },
      body: {
        title: 'Too Many Requests',
        detail: 'Too Many Requests',
        type: 'about:blank',
        status: 429,
      },
    }
  },
  server: (status: number): SimResponse => {
    const title =
      status === 503
        ? 'Service Unavailable'
        : status === 502
          ? 'Bad Gateway'
          : 'Internal Server Error'
    return { status, body: { title, detail: title, type: 'about:blank', status } }
  },
}

/** Faults in X's own formats. */
export function renderXFault(
  fault: Extract<Fault, { type: 'rate_limit' | 'server_error' | 'reject_content' }>,
): SimResponse {
  if (fault.type === 'rate_limit') return xErrors.tooMany(fault.retryAfterSeconds)
  if (fault.type === 'server_error') return xErrors.server(fault.status ?? 503)
  return xErrors.invalid([fault.message ?? 'The content was rejected.'])
}
