/**
 * The webhook secrets the sandbox signs with when none is configured, and that the apps verify
 * with in sandbox mode (STATEX_SANDBOX_URL set) when none is configured. One place, so the two
 * always agree. They are public, so they are used only against the sandbox: without
 * STATEX_SANDBOX_URL a platform with no secret of its own is not registered at all.
 */
export const SANDBOX_SECRETS = Object.freeze({
  telegramWebhookSecret: 'sandbox-telegram-webhook-secret-not-real',
  whatsappAppSecret: 'sandbox-whatsapp-app-secret-not-real',
  whatsappVerifyToken: 'sandbox-whatsapp-verify-token-not-real',
  facebookAppId: '1000000000000001',
  facebookAppSecret: 'sandbox-facebook-app-secret-not-real',
  facebookVerifyToken: 'sandbox-facebook-verify-token-not-real',
  instagramAppId: '1000000000000002',
  instagramAppSecret: 'sandbox-instagram-app-secret-not-real',
  instagramVerifyToken: 'sandbox-instagram-verify-token-not-real',
  twitterClientId: 'sandbox-twitter-client-id-not-real',
  twitterClientSecret: 'sandbox-twitter-client-secret-not-real',
  linkedinClientId: 'sandbox-linkedin-client-id-not-real',
  linkedinClientSecret: 'sandbox-linkedin-client-secret-not-real',
})
