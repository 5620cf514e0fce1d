import { randomBytes } from 'node:crypto'
import type { Platform, PostDraft } from '@statex/core'
import type { ShortLink, SocialAccount } from '@statex/db'

// A URL in a post's text: up to whitespace or a closing bracket/quote that usually ends it.
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`)\]]+/g
// Punctuation that ends a sentence more often than a URL.
const TRAILING = /[.,;:!?]+$/

/** The UTM parameters of a platform, added only where the URL does not set them itself. */
export function withUtm(url: string, platform: Platform): string {
  const parsed = new URL(url)
  const set = (name: string, value: string) => {
    if (!parsed.searchParams.has(name)) parsed.searchParams.set(name, value)
  }
  set('utm_source', platform)
  set('utm_medium', 'social')
  set('utm_campaign', 'statex')
  return parsed.toString()
}

type NewLink = Omit<ShortLink, 'groupId' | 'clicks' | 'lastClickAt'>

/**
 * Replaces every URL in each target's text with a short link of ours (`<base>/l/<code>`), one
 * per URL per target so clicks are counted per post and platform; the redirect carries the
 * platform's UTM parameters. Returns the targets with the shortened text as their override.
 */
export function shortenLinks(input: {
  content: PostDraft
  targets: {
    account: SocialAccount
    resolved: PostDraft
    override?: Partial<PostDraft> | undefined
  }[]
  baseUrl: string
}): { overrides: (Partial<PostDraft> | undefined)[]; links: NewLink[] } {
  const links: NewLink[] = []
  const ours = `${input.baseUrl}/l/`
  const overrides = input.targets.map(({ account, resolved, override }) => {
    const seen = new Map<string, string>()
    const text = resolved.text.replace(URL_IN_TEXT, (match) => {
      const url = match.replace(TRAILING, '')
      const tail = match.slice(url.length)
      if (url.startsWith(ours)) return match
      let short = seen.get(url)
      if (!short) {
        const code = randomBytes(6).toString('base64url')
        short = `${ours}${code}`
        seen.set(url, short)
        links.push({
          code,
          accountId: account.id,
          platform: account.platform,
          originalUrl: url,
          destination: withUtm(url, account.platform),
        })
      }
      return `${short}${tail}`
    })
    return text === resolved.text ? override : { ...override, text }
  })
  return { overrides, links }
}
