// The app-level credentials of each platform, in one place. A platform counts as configured when
// every one of its variables is set. Per-account secrets (a Telegram bot token, a page token) are
// stored per connected account in the database and do not count here.
// Keep in step with the `loadConfig()` schemas of apps/api and apps/worker.

/** @type {Record<string, string[]>} */
export const PLATFORM_CREDENTIALS = {
  linkedin: ['LINKEDIN_CLIENT_ID', 'LINKEDIN_CLIENT_SECRET'],
  facebook: ['META_APP_ID', 'META_APP_SECRET'],
  instagram: ['META_APP_ID', 'META_APP_SECRET'],
  x: ['X_CLIENT_ID', 'X_CLIENT_SECRET'],
  telegram: ['TELEGRAM_WEBHOOK_SECRET'],
  whatsapp: ['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'],
}

const isSet = (value) => typeof value === 'string' && value.trim() !== ''

/** Platforms whose app-level credentials are all present. */
export function configuredPlatforms(env) {
  return Object.entries(PLATFORM_CREDENTIALS)
    .filter(([, names]) => names.every((name) => isSet(env[name])))
    .map(([platform]) => platform)
}

/**
 * Whether `npm start` runs the platform simulators. STATEX_SANDBOX=1 / 0 forces it either way;
 * otherwise the sandbox is used exactly when no real platform is configured.
 * @returns {{ useSandbox: boolean, configured: string[], reason: string }}
 */
export function sandboxDecision(env) {
  const configured = configuredPlatforms(env)
  const forced = (env.STATEX_SANDBOX ?? '').trim().toLowerCase()
  if (['1', 'true', 'yes', 'on'].includes(forced)) {
    return { useSandbox: true, configured, reason: 'STATEX_SANDBOX is on' }
  }
  if (['0', 'false', 'no', 'off'].includes(forced)) {
    return { useSandbox: false, configured, reason: 'STATEX_SANDBOX is off' }
  }
  if (configured.length === 0) {
    return { useSandbox: true, configured, reason: 'no platform credentials are configured' }
  }
  return { useSandbox: false, configured, reason: `credentials are configured for ${configured.join(', ')}` }
}
