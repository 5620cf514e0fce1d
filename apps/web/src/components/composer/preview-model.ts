import type {
  MediaItem,
  MediaType,
  Platform,
  PostDraft,
  TextCounting,
  ValidationIssue,
} from '@statex/core'
import { CONTENT_RULES, composeText, countText, validatePost } from '@statex/core'
import { PLATFORM_LABELS } from '@/lib/platforms'

export { PLATFORM_LABELS } from '@/lib/platforms'

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

/** What the preview card for one platform shows. */
export interface PlatformPreview {
  platform: Platform
  label: string
  /** The text as it would be sent (the link appended where the platform has no link field). */
  text: string
  count: number
  limit: number
  counting: TextCounting
  /** The limit is the caption limit because media is attached. */
  isCaption: boolean
  /** Where the link goes: into the text, into the platform's own link field, or nowhere. */
  link: 'appended' | 'separate' | 'unsupported' | 'none'
  media: readonly MediaItem[]
  issues: readonly ValidationIssue[]
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

export function previewFor(platform: Platform, draft: PostDraft): PlatformPreview {
  const rules = CONTENT_RULES[platform]
  const media = draft.media ?? []
  const text = composeText(draft.text, draft.link, rules)
  const isCaption = media.length > 0 && rules.text.captionMax !== undefined
  return {
    platform,
    label: PLATFORM_LABELS[platform],
    text,
    count: countText(text, rules.text.counting),
    limit: isCaption ? (rules.text.captionMax ?? rules.text.max) : rules.text.max,
    counting: rules.text.counting,
    isCaption,
    link: draft.link ? rules.link : 'none',
    media,
    issues: validatePost(draft, rules),
  }
}
