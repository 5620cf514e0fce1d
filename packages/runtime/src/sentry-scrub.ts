import { redactSecrets } from '@statex/core'

/**
 * Every string in a Sentry event or breadcrumb with token shapes redacted. Needed because
 * Sentry's HTTP instrumentation records request URLs as breadcrumbs, and a Telegram Bot API URL
 * carries the bot token in its path.
 */
export function scrubForSentry<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T
  if (Array.isArray(value)) return value.map((item: unknown) => scrubForSentry(item)) as T
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>))
      (value as Record<string, unknown>)[key] = scrubForSentry(inner)
  }
  return value
}
