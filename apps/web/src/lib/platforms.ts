import type { Platform } from '@statex/core'

export const PLATFORM_LABELS: Readonly<Record<Platform, string>> = {
  linkedin: 'LinkedIn',
  facebook: 'Facebook Page',
  twitter: 'X',
  instagram: 'Instagram',
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
}

/** One colour per platform (calendar events, chips); white text passes AA on each. */
export const PLATFORM_COLORS: Readonly<Record<Platform, string>> = {
  linkedin: '#0a5aa8',
  facebook: '#1659c7',
  twitter: '#222222',
  instagram: '#b1246a',
  telegram: '#1a6f99',
  whatsapp: '#11693a',
}

/**
 * Every platform, from the labels above (a Record over Platform, so the compiler keeps it complete).
 * Pages import this rather than core's PLATFORMS: core's runtime carries twitter-text, which only
 * the composer needs.
 */
export const PLATFORM_LIST = Object.keys(PLATFORM_LABELS) as readonly Platform[]
