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
  facebook: ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET', 'FACEBOOK_VERIFY_TOKEN'],
  instagram: ['INSTAGRAM_APP_ID', 'INSTAGRAM_APP_SECRET', 'INSTAGRAM_VERIFY_TOKEN'],
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
  FACEBOOK_APP_ID: '1000000000000001',
  FACEBOOK_APP_SECRET: 'sandbox-facebook-app-secret-not-real',
  FACEBOOK_VERIFY_TOKEN: 'sandbox-facebook-verify-token-not-real',
  INSTAGRAM_APP_ID: '1000000000000002',
  INSTAGRAM_APP_SECRET: 'sandbox-instagram-app-secret-not-real',
  INSTAGRAM_VERIFY_TOKEN: 'sandbox-instagram-verify-token-not-real',
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
/**
 * In sandbox mode without an SMTP server of one's own, notification emails go to the sandbox's
 * catcher, so the flow can be followed offline at <sandbox>/mail.
 */
export function sandboxSmtpEnv(env, smtpPort) {
  return isSet(env.SMTP_HOST) ? {} : { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort) }
}

export function sandboxEnv(env, sandboxUrl) {
  const secrets = Object.fromEntries(
    Object.entries(SANDBOX_PLATFORM_SECRETS).filter(([name]) => !isSet(env[name])),
  )
  // A platform's settings go together (the providers' config refuses part of them): when some
  // are set, the sandbox fills none of that platform's.
  for (const names of Object.values(PLATFORM_CREDENTIALS)) {
    if (names.some((name) => isSet(env[name]))) for (const name of names) delete secrets[name]
  }
  return { STATEX_SANDBOX_URL: sandboxUrl, ...secrets }
}
