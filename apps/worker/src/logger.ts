import { pino, type DestinationStream, type Logger } from 'pino'
import type { LogLevel } from './config.js'

/** Keys whose values never reach a log line, wherever they sit (same list as the API's). */
export const REDACTED_PATHS = [
  'headers.authorization',
  'headers.cookie',
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

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'worker' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  }
  return destination ? pino(options, destination) : pino(options)
}
