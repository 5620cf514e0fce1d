import { pino, type DestinationStream, type Logger } from 'pino'
import type { LogLevel } from './env.js'

/**
 * Keys whose values never reach a log line, wherever they sit in a logged object. Fastify's
 * request serializer does not log headers, but handlers that log `request.headers` or a provider
 * payload must not leak either.
 */
export const REDACTED_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-hub-signature-256"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-telegram-bot-api-secret-token"]',
  'headers["x-hub-signature-256"]',
  ...[
    'accessToken',
    'refreshToken',
    'token',
    'botToken',
    'password',
    'secret',
    'appSecret',
    'webhookSecret',
    'verifyToken',
    'keyring',
  ].flatMap((key) => [key, `*.${key}`]),
]

/** pino's `redact` option; Fastify takes the same shape in its logger options. */
export const redaction = { paths: REDACTED_PATHS, censor: '[redacted]' }

/** A JSON logger tagged `{ service }` that redacts `REDACTED_PATHS`; stdout unless `destination`. */
export function createLogger(
  service: string,
  level: LogLevel,
  destination?: DestinationStream,
): Logger {
  const options = { level, base: { service }, redact: redaction }
  return destination ? pino(options, destination) : pino(options)
}

export type { Logger } from 'pino'
