import type { MediaItem, MediaType, PostDraft } from '@statex/core'

// Light on purpose: the form and its submit path import this at first paint, so it carries no
// runtime from @statex/core (whose rules bring twitter-text); the rules load afterwards.

/** One media row as the person edits it: every field a string, possibly empty. */
export interface MediaRow {
  id: number
  url: string
  type: MediaType
  altText: string
}

export interface ComposerInput {
  text: string
  link: string
  media: readonly MediaRow[]
}

/** The draft exactly as the publishing engine will receive it; blank optional fields are left out, not sent empty. */
export function toDraft(input: ComposerInput): PostDraft {
  const link = input.link.trim()
  const media = input.media.map(({ url, type, altText }): MediaItem => {
    const item: MediaItem = { url: url.trim(), type }
    if (altText.trim()) item.altText = altText.trim()
    return item
  })
  return {
    text: input.text,
    ...(link ? { link } : {}),
    ...(media.length > 0 ? { media } : {}),
  }
}
