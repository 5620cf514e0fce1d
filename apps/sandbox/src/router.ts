import type { IncomingMessage, ServerResponse } from 'node:http'
import { isPlatform, type Platform } from '@statex/core'
import {
  BodyTooLargeError,
  parseFields,
  readSmallBody,
  redirect,
  sendHtml,
  sendJson,
} from './http.js'
import { handleFaults } from './fault-routes.js'
import { handleOAuth } from './oauth-routes.js'
import { renderHome } from './pages/home.js'
import { renderNotFound, renderPlatform } from './pages/platform.js'
import { renderCallback } from './pages/oauth.js'
import { renderMail } from './pages/mail.js'
import { handleOllama } from './ollama.js'
import { proxyRequest } from './proxy.js'
import { describeAccounts, type SandboxState } from './sandbox.js'
import { PLATFORM_TITLES } from './setup.js'

export async function handleRequest(
  state: SandboxState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const rawUrl = req.url ?? '/'
  const url = new URL(rawUrl, 'http://sandbox')
  const method = req.method ?? 'GET'
  const segments = url.pathname.split('/').filter(Boolean)
  const [first, second] = segments

  // /<platform>/... is the platform's API: forward everything, untouched, minus the prefix.
  if (first && isPlatform(first) && rawUrl.startsWith(`/${first}/`)) {
    return forward(state, first, rawUrl, req, res)
  }

  if (method === 'GET' && url.pathname === '/health') {
    return sendJson(res, 200, {
      status: 'ok',
      sandbox: true,
      simulators: Object.fromEntries(
        [...state.simulators.keys()].map((platform) => [platform, `${state.url}/${platform}`]),
      ),
    })
  }
  if (method === 'GET' && url.pathname === '/') return sendHtml(res, 200, renderHome(state))
  if (method === 'GET' && url.pathname === '/mail') return sendHtml(res, 200, renderMail(state))
  if (method === 'GET' && url.pathname === '/_sandbox/mail')
    return sendJson(res, 200, {
      smtp: state.mail ? { host: state.config.host, port: state.mail.port } : null,
      mails: [...(state.mail?.mails ?? [])].reverse(),
    })
  if (method === 'GET' && first && isPlatform(first) && segments.length === 1) {
    return state.simulators.has(first)
      ? sendHtml(res, 200, renderPlatform(state, first, url.searchParams))
      : sendHtml(res, 404, renderNotFound(state, first))
  }
  if (first === 'oauth' && second && isPlatform(second))
    return handleOAuth(state, second, segments.slice(2), url, req, res)
  if (first === '_sandbox') return handleSandboxRoutes(state, segments.slice(1), url, req, res)
  // An Ollama-compatible endpoint: OLLAMA_URL may point at the sandbox itself.
  if (first === 'api') return handleOllama(url.pathname, req, res)
  return sendJson(res, 404, {
    sandboxError: `Nothing at ${method} ${url.pathname} in the sandbox.`,
  })
}

function forward(
  state: SandboxState,
  platform: Platform,
  rawUrl: string,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const simulator = state.simulators.get(platform)
  if (!simulator) {
    return sendJson(res, 404, {
      sandboxError: 'adapter_not_built',
      message: `The ${PLATFORM_TITLES[platform]} adapter is not built yet, so the sandbox has no ${PLATFORM_TITLES[platform]} simulator.`,
      platform,
    })
  }
  // Strip only the prefix from the raw URL, so the path's encoding and the query reach the simulator byte for byte.
  const rest = rawUrl.slice(platform.length + 1)
  proxyRequest({
    req,
    res,
    target: simulator.baseUrl,
    path: rest.startsWith('/') ? rest : `/${rest}`,
    onError: (error) => state.log(`sandbox: ${platform} simulator: ${error.message}`),
  })
}

async function handleSandboxRoutes(
  state: SandboxState,
  segments: string[],
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET'
  const [name, platform] = segments
  if (method === 'GET' && name === 'accounts' && segments.length === 1)
    return sendJson(res, 200, describeAccounts(state))
  if (name === 'webhooks' && platform && isPlatform(platform) && segments.length === 2) {
    return state.relay.handle(platform, req, res)
  }
  if (method === 'GET' && name === 'oauth' && platform === 'callback')
    return sendHtml(res, 200, renderCallback(url.searchParams))
  if (method === 'POST' && name === 'interactions' && segments.length === 1)
    return addInteraction(state, req, res)
  if ((method === 'POST' || method === 'DELETE') && name === 'faults' && segments.length === 1)
    return handleFaults(state, url, req, res)
  return sendJson(res, 404, {
    sandboxError: `Nothing at ${method} ${url.pathname} in the sandbox.`,
  })
}

const MAX_TEXT = 4096
const MAX_ADDED = 100

/** The platform page's form: a person comments on a post or writes to the account. */
async function addInteraction(
  state: SandboxState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let fields: Record<string, string>
  try {
    fields = parseFields(await readSmallBody(req), req.headers['content-type'])
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return sendJson(res, 413, { sandboxError: error.message })
    throw error
  }
  const platform = fields.platform
  const simulator = isPlatform(platform) ? state.simulators.get(platform) : undefined
  if (!isPlatform(platform) || !simulator)
    return sendJson(res, 400, { sandboxError: 'Unknown platform.' })
  const account = state.accounts.find(
    (a) => a.platform === platform && a.auth.externalAccountId === fields.account,
  )
  const text = (fields.text ?? '').trim()
  const problem = !account
    ? 'Choose one of the sandbox accounts.'
    : !text
      ? 'Write something first.'
      : text.length > MAX_TEXT
        ? `Keep it under ${MAX_TEXT} characters.`
        : undefined
  if (problem || !account)
    return redirect(
      res,
      `/${platform}?${new URLSearchParams({ error: problem ?? 'Invalid form.' })}`,
    )
  const postId = fields.post || undefined
  if (postId && !simulator.findPost(account.auth, postId)) {
    return redirect(
      res,
      `/${platform}?${new URLSearchParams({ error: 'That post no longer exists.' })}`,
    )
  }
  const authorName = (fields.author ?? '').trim().slice(0, 100) || undefined
  const created = simulator.simulateInteraction({
    account: account.auth,
    text,
    ...(authorName ? { authorName } : {}),
    ...(postId ? { externalPostId: postId } : {}),
  })
  state.added.push({
    platform,
    externalAccountId: account.auth.externalAccountId,
    externalId: created.externalId,
    text,
    at: new Date(),
    ...(authorName ? { authorName } : {}),
    ...(postId ? { externalPostId: postId } : {}),
  })
  if (state.added.length > MAX_ADDED) state.added.shift()
  redirect(res, `/${platform}?${new URLSearchParams({ added: created.externalId })}`)
}
