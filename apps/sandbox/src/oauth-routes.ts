import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Platform } from '@statex/core'
import {
  BodyTooLargeError,
  parseFields,
  readSmallBody,
  redirect,
  sendHtml,
  sendJson,
} from './http.js'
import { basicClientId, isOAuthError } from './oauth.js'
import { renderAuthorizeError, renderConsent } from './pages/oauth.js'
import type { SandboxState } from './sandbox.js'

/**
 * `GET /oauth/<platform>/authorize` shows a one-click consent page (`auto=1` skips it),
 * `POST /oauth/<platform>/authorize` is that page's answer, `POST /oauth/<platform>/token` the token endpoint.
 */
export async function handleOAuth(
  state: SandboxState,
  platform: Platform,
  rest: string[],
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET'
  const [action] = rest
  if (rest.length === 1 && action === 'authorize' && (method === 'GET' || method === 'POST')) {
    let params = url.searchParams
    if (method === 'POST') {
      const body = await readBodyOr413(req, res)
      if (body === undefined) return
      params = new URLSearchParams(body)
    }
    const request = state.oauth.parseAuthorization(platform, params)
    if (isOAuthError(request)) return sendHtml(res, 400, renderAuthorizeError(platform, request))
    if (method === 'GET' && params.get('auto') !== '1')
      return sendHtml(res, 200, renderConsent(state, request, params))
    const approved = method === 'GET' || params.get('decision') !== 'deny'
    return redirect(
      res,
      (approved ? state.oauth.approve(request) : state.oauth.deny(request)).toString(),
      method === 'GET' ? 302 : 303,
    )
  }
  if (rest.length === 1 && action === 'token' && method === 'POST') {
    const body = await readBodyOr413(req, res)
    if (body === undefined) return
    const answer = state.oauth.token(
      platform,
      parseFields(body, req.headers['content-type']),
      basicClientId(req.headers.authorization),
    )
    // RFC 6749 §5.1: token answers are never cached.
    const headers = { 'cache-control': 'no-store', pragma: 'no-cache' }
    if (isOAuthError(answer))
      return sendJson(res, answer.error === 'invalid_client' ? 401 : 400, answer, headers)
    return sendJson(res, 200, answer, headers)
  }
  return sendJson(res, 404, {
    error: 'invalid_request',
    error_description: `The sandbox OAuth server has /oauth/${platform}/authorize (GET, POST) and /oauth/${platform}/token (POST).`,
  })
}

async function readBodyOr413(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<string | undefined> {
  try {
    return await readSmallBody(req)
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error
    sendJson(res, 413, { error: 'invalid_request', error_description: error.message })
    return undefined
  }
}
