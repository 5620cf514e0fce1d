// The app-level platform settings that make a deployment "real", in one place. They mirror the
// platform variables of packages/providers/src/config.ts (platformEnvSchema): add a platform here
// when its adapter gets settings there. Per-account secrets (a bot token, a page token) live
// encrypted in the database and do not count.

/** @type {Record<string, string[]>} */
export const PLATFORM_CREDENTIALS = {
  linkedin: ['LINKEDIN_CLIENT_ID', 'LINKEDIN_CLIENT_SECRET'],
  // TWITTER_CLIENT_SECRET is optional (a public client uses PKCE alone).
  twitter: ['TWITTER_CLIENT_ID'],
  telegram: ['TELEGRAM_WEBHOOK_SECRET'],
  whatsapp: ['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'],
}

// X and LinkedIn need no sandbox secrets here: in sandbox mode the providers fall back to public
// sandbox client ids (packages/providers/src/sandbox-secrets.ts), which the simulators accept.

/**
 * Secrets shared by the sandbox (which signs its webhooks with them) and the API (which checks
 * them) in sandbox mode. They protect nothing real, so they are fixed and public.
 */
export const SANDBOX_PLATFORM_SECRETS = Object.freeze({
  TELEGRAM_WEBHOOK_SECRET: 'sandbox-telegram-webhook-secret-not-real',
  WHATSAPP_APP_SECRET: 'sandbox-whatsapp-app-secret-not-real',
  WHATSAPP_VERIFY_TOKEN: 'sandbox-whatsapp-verify-token-not-real',
})

const isSet = (value) => typeof value === 'string' && value.trim() !== ''

/** Platforms whose app-level settings are all present. */
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
  return {
    useSandbox: false,
    configured,
    reason: `credentials are configured for ${configured.join(', ')}`,
  }
}

/** The environment the apps get in sandbox mode: the sandbox's URL, and its secrets where none are set. */
export function sandboxEnv(env, sandboxUrl) {
  const secrets = Object.fromEntries(
    Object.entries(SANDBOX_PLATFORM_SECRETS).filter(([name]) => !isSet(env[name])),
  )
  // WhatsApp's two settings go together (the providers' config refuses half of them).
  if (isSet(env.WHATSAPP_APP_SECRET) !== isSet(env.WHATSAPP_VERIFY_TOKEN)) {
    delete secrets.WHATSAPP_APP_SECRET
    delete secrets.WHATSAPP_VERIFY_TOKEN
  }
  return { STATEX_SANDBOX_URL: sandboxUrl, ...secrets }
}
