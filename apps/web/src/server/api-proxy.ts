import { cookies } from 'next/headers'
import { clientAddress } from './client-address'
import { WORKSPACE_COOKIE } from '@/lib/workspace-cookie'
import { getConfig } from './config'

// The cookie names next-auth v4 gives its session token; the API verifies the same token.
const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token']

const FORWARDED_REQUEST = ['accept', 'content-type', 'idempotency-key', 'x-statex-workspace']
const FORWARDED_RESPONSE = [
  'content-type',
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
]

/**
 * Forwards one dashboard request to the REST API as `Authorization: Bearer <session token>`.
 * The browser never talks to the API directly, so the API needs no CORS entry for the dashboard
 * and the session cookie stays HttpOnly; whatever the dashboard does goes through the public API.
 */
export async function forwardToApi(request: Request, apiPath: string): Promise<Response> {
  const config = await getConfig()
  const jar = await cookies()
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean)
  const headers = new Headers()
  for (const name of FORWARDED_REQUEST) {
    const value = request.headers.get(name)
    if (value) headers.set(name, value)
  }
  const workspace = jar.get(WORKSPACE_COOKIE)?.value
  if (workspace && !headers.has('x-statex-workspace')) headers.set('x-statex-workspace', workspace)
  if (token) headers.set('authorization', `Bearer ${token}`)
  // The API believes this only from the dashboard's address (its TRUSTED_PROXIES); without it,
  // every person would share the dashboard's address in the API's per-address limits.
  const client = clientAddress(request.headers, config.trustedProxyHops)
  if (client) headers.set('x-forwarded-for', client)

  const search = new URL(request.url).search
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
  let answer: Response
  try {
    answer = await fetch(`${config.apiUrl}${apiPath}${search}`, {
      method: request.method,
      headers,
      ...(hasBody ? { body: await request.arrayBuffer() } : {}),
      redirect: 'manual',
      cache: 'no-store',
    })
  } catch (error) {
    console.error(
      `[statex/web] the API at ${config.apiUrl} did not answer:`,
      error instanceof Error ? error.message : error,
    )
    return Response.json(
      {
        error: {
          code: 'API_UNREACHABLE',
          message: `The dashboard cannot reach the API at ${config.apiUrl}; check that it is running.`,
        },
      },
      { status: 502 },
    )
  }
  const out = new Headers()
  for (const name of FORWARDED_RESPONSE) {
    const value = answer.headers.get(name)
    if (value) out.set(name, value)
  }
  return new Response(answer.body, { status: answer.status, headers: out })
}
