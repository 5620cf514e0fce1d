import type { FastifyServerOptions } from 'fastify'
import { redaction, type LogLevel } from '@statex/runtime'

/** Query parameters that carry secrets (WhatsApp's `hub.verify_token`, OAuth `code`). */
const SECRET_PARAM = /token|secret|signature|password|^code$|key/i

export function redactUrl(url: string): string {
  const q = url.indexOf('?')
  if (q === -1) return url
  // Pair by pair on the raw string, so everything but a secret value stays exactly as received.
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq === -1) return pair
      let name = pair.slice(0, eq)
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '))
      } catch {
        // A malformed escape still gets checked in its raw form.
      }
      return SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=[redacted]` : pair
    })
    .join('&')
  return `${url.slice(0, q)}?${query}`
}

export function loggerOptions(
  level: LogLevel,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  return {
    level,
    // Same `service` field as the worker's lines, so one log stream tells the processes apart.
    base: { service: 'api' },
    redact: redaction,
    serializers: {
      req: (req: {
        method: string
        url: string
        host?: string
        ip?: string
        socket?: { remotePort?: number }
      }) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
      }),
    },
    ...(stream ? { stream } : {}),
  }
}
