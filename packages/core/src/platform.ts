/** The six platforms Statex Social publishes to. */
export type Platform = 'linkedin' | 'facebook' | 'twitter' | 'instagram' | 'telegram' | 'whatsapp'

/** Every platform, in the order the product lists them. */
export const PLATFORMS = [
  'linkedin',
  'facebook',
  'twitter',
  'instagram',
  'telegram',
  'whatsapp',
] as const satisfies readonly Platform[]

/** How a person names each platform, in messages and errors. */
export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = Object.freeze({
  linkedin: 'LinkedIn',
  facebook: 'Facebook',
  twitter: 'X',
  instagram: 'Instagram',
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
})

export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value)
}
