import {
  assertProviderImplements,
  PLATFORMS,
  type Platform,
  type SocialProvider,
} from '@statex/core'
import { facebook } from '@statex/facebook'
import { instagram } from '@statex/instagram'
import { linkedin } from '@statex/linkedin'
import { telegram } from '@statex/telegram'
import { twitter } from '@statex/twitter'
import { whatsapp } from '@statex/whatsapp'
import type { MetaAppConfig, PlatformConfig } from './config.js'
import { SANDBOX_SECRETS } from './sandbox-secrets.js'

export interface SkippedPlatform {
  platform: Platform
  /** What a person does to enable it, e.g. "set TELEGRAM_WEBHOOK_SECRET". */
  reason: string
}

export interface ProviderRegistry {
  providers: Partial<Record<Platform, SocialProvider>>
  skipped: SkippedPlatform[]
}

type Registration = { provider: SocialProvider } | { skipped: string }
type Factory = (config: PlatformConfig) => Registration

/** The sandbox serves each simulator under its platform's name. */
const sandboxBase = (config: PlatformConfig, platform: Platform) =>
  config.sandboxUrl ? { baseUrl: `${config.sandboxUrl}/${platform}` } : {}

/** A Meta app's settings, falling back on the sandbox's public ones in sandbox mode only. */
function metaApp(config: PlatformConfig, app: MetaAppConfig, platform: 'facebook' | 'instagram') {
  const sandbox = config.sandboxUrl ? SANDBOX_SECRETS : undefined
  const appId = app.appId ?? sandbox?.[`${platform}AppId`]
  const appSecret = app.appSecret ?? sandbox?.[`${platform}AppSecret`]
  const verifyToken = app.verifyToken ?? sandbox?.[`${platform}VerifyToken`]
  if (!(appId && appSecret && verifyToken)) return undefined
  return {
    ...sandboxBase(config, platform),
    appId,
    appSecret,
    verifyToken,
    ...(app.apiVersion ? { apiVersion: app.apiVersion } : {}),
    // The sandbox serves the login dialog beside its simulator.
    ...(config.sandboxUrl ? { dialogBaseUrl: `${config.sandboxUrl}/${platform}` } : {}),
  }
}

function missing(...variables: string[]): { skipped: string } {
  return { skipped: `set ${variables.join(' and ')} (or STATEX_SANDBOX_URL to use the sandbox)` }
}

/**
 * One entry per platform, written out by hand: adding a platform is adding a line here, and the
 * `Record` makes the compiler ask for it.
 */
const FACTORIES: Record<Platform, Factory> = {
  linkedin: (config) => {
    const sandbox = config.sandboxUrl ? SANDBOX_SECRETS : undefined
    const clientId = config.linkedin.clientId ?? sandbox?.linkedinClientId
    const clientSecret = config.linkedin.clientSecret ?? sandbox?.linkedinClientSecret
    if (!(clientId && clientSecret)) return missing('LINKEDIN_CLIENT_ID', 'LINKEDIN_CLIENT_SECRET')
    const simulator = config.sandboxUrl ? `${config.sandboxUrl}/linkedin` : undefined
    return {
      provider: linkedin({
        // The simulator serves LinkedIn's OAuth pages too, so its tokens are the ones it knows.
        ...(simulator ? { baseUrl: simulator, oauthBaseUrl: simulator } : {}),
        clientId,
        clientSecret,
        ...(config.linkedin.apiVersion ? { version: config.linkedin.apiVersion } : {}),
      }),
    }
  },
  facebook: (config) => {
    const app = metaApp(config, config.facebook, 'facebook')
    if (!app) return missing('FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET', 'FACEBOOK_VERIFY_TOKEN')
    return { provider: facebook(app) }
  },
  twitter: (config) => {
    const sandbox = config.sandboxUrl ? SANDBOX_SECRETS : undefined
    const clientId = config.twitter.clientId ?? sandbox?.twitterClientId
    if (!clientId) return missing('TWITTER_CLIENT_ID')
    const clientSecret =
      config.twitter.clientSecret ??
      (config.twitter.clientId ? undefined : sandbox?.twitterClientSecret)
    const simulator = config.sandboxUrl ? `${config.sandboxUrl}/twitter` : undefined
    return {
      provider: twitter({
        // The simulator serves X's consent page (x.com/i/oauth2/authorize) under its own origin.
        ...(simulator
          ? { baseUrl: simulator, authorizeUrl: `${simulator}/i/oauth2/authorize` }
          : {}),
        clientId,
        ...(clientSecret ? { clientSecret } : {}),
      }),
    }
  },
  instagram: (config) => {
    const app = metaApp(config, config.instagram, 'instagram')
    if (!app) return missing('INSTAGRAM_APP_ID', 'INSTAGRAM_APP_SECRET', 'INSTAGRAM_VERIFY_TOKEN')
    return { provider: instagram(app) }
  },
  telegram: (config) => {
    const webhookSecret =
      config.telegram.webhookSecret ??
      (config.sandboxUrl ? SANDBOX_SECRETS.telegramWebhookSecret : undefined)
    if (!webhookSecret) return missing('TELEGRAM_WEBHOOK_SECRET')
    return {
      provider: telegram({
        ...sandboxBase(config, 'telegram'),
        webhookSecret,
      }),
    }
  },
  whatsapp: (config) => {
    const { apiVersion } = config.whatsapp
    const sandbox = config.sandboxUrl ? SANDBOX_SECRETS : undefined
    const appSecret = config.whatsapp.appSecret ?? sandbox?.whatsappAppSecret
    const verifyToken = config.whatsapp.verifyToken ?? sandbox?.whatsappVerifyToken
    if (!(appSecret && verifyToken)) return missing('WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN')
    return {
      provider: whatsapp({
        ...sandboxBase(config, 'whatsapp'),
        appSecret,
        verifyToken,
        ...(apiVersion ? { apiVersion } : {}),
      }),
    }
  },
}

/**
 * Builds the providers this deployment can run. A platform whose settings are absent is skipped
 * with the variable to set; every registered provider is checked to implement what its
 * capabilities claim, so a gap fails at start-up rather than on the first job.
 * @throws CapabilityMismatchError from `assertProviderImplements`.
 */
export function buildProviderRegistry(config: PlatformConfig): ProviderRegistry {
  const providers: Partial<Record<Platform, SocialProvider>> = {}
  const skipped: SkippedPlatform[] = []
  for (const platform of PLATFORMS) {
    const registration = FACTORIES[platform](config)
    if ('provider' in registration)
      providers[platform] = assertProviderImplements(registration.provider)
    else skipped.push({ platform, reason: registration.skipped })
  }
  return { providers, skipped }
}
