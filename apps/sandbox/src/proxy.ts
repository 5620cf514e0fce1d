import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'

/** Connection-level headers (RFC 9110 §7.6.1) that belong to one hop and are never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

function forwardable(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const listed = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  )
  const out: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue
    out[name] = value
  }
  return out
}

/**
 * Streams `req` to `target` + `path` (path and query as the client sent them, minus the platform
 * prefix) and streams the answer back unchanged: status, headers, body. Only the Host header is
 * rewritten, so the simulator sees the request exactly as the real platform would.
 */
export function proxyRequest(input: {
  req: IncomingMessage
  res: ServerResponse
  /** Origin of the simulator, e.g. `http://127.0.0.1:38211`. */
  target: string
  /** Path and query to request on the target, starting with `/`. */
  path: string
  onError?: (error: Error) => void
}): void {
  const { req, res, target, path } = input
  const origin = new URL(target)
  const headers = forwardable(req.headers)
  headers.host = origin.host
  const upstream = httpRequest(
    {
      protocol: origin.protocol,
      hostname: origin.hostname,
      port: origin.port,
      method: req.method,
      path,
      headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardable(answer.headers))
      answer.pipe(res)
      answer.on('error', () => res.destroy())
    },
  )
  upstream.on('error', (error) => {
    input.onError?.(error)
    if (res.headersSent) {
      // The simulator dropped the connection mid-answer (or on purpose, a fault): drop ours too,
      // so the client sees what it would see from the platform.
      res.destroy()
      return
    }
    if (
      error.message.includes('socket hang up') ||
      (error as NodeJS.ErrnoException).code === 'ECONNRESET'
    ) {
      res.destroy()
      return
    }
    res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' })
    res.end(
      JSON.stringify({
        sandboxError: 'The platform simulator could not be reached.',
        detail: error.message,
      }),
    )
  })
  // A client that goes away aborts the upstream request rather than leaving it dangling.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy()
  })
  req.pipe(upstream)
}
