import type {
  MediaItem,
  MediaType,
  Platform,
  PostDraft,
  TextCounting,
  ValidationIssue,
} from '@statex/core'
import { CONTENT_RULES, composeText, countText, fittingLength, validatePost } from '@statex/core'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { chosenPlatforms, type ComposerAccount, type ComposerValues } from './composer-values'
import { draftFor } from './platform-draft'
import { foldOf, linkCard, segmentsOf, urlsIn, type LinkCard, type Segment } from './preview-text'

export { PLATFORM_LABELS } from '@/lib/platforms'
export { toDraft, type ComposerInput, type MediaRow } from './draft'
export type { LinkCard, Segment } from './preview-text'

/** One post of an X thread, as the X adapter creates it (a reply to the one before). */
export interface Tweet {
  text: string
  /** UTF-16 length of the part within 280; what follows is what X refuses. */
  fitsUpTo: number
  media: readonly MediaItem[]
  /** X unfurls the last link of a post that has no media. */
  card?: LinkCard
  /** "2/3" in a thread; absent for a single post. */
  position?: string
}

/** A feed text with the part shown before "more"; `folded` is absent when nothing is hidden. */
export interface FoldedText {
  full: Segment[]
  folded?: Segment[]
}

/** What each platform's preview draws: the message exactly as its adapter sends it. */
export type PlatformView =
  | { platform: 'twitter'; tweets: Tweet[] }
  | {
      platform: 'linkedin' | 'facebook'
      text: FoldedText
      card?: LinkCard
      /** A link with media attached: the adapter sends the media and no link at all. */
      linkDropped: boolean
    }
  | {
      platform: 'instagram'
      kind: 'FEED' | 'REELS' | 'CAROUSEL'
      caption: FoldedText
    }
  | { platform: 'telegram'; message: 'text' | 'media' | 'album'; card?: LinkCard }
  | { platform: 'whatsapp'; message: 'text' | MediaType; card?: LinkCard }

/** How the post reads on one platform, its length as that platform counts it, and what it would refuse. */
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
  /** UTF-16 length of the part of `text` within the limit. */
  fitsUpTo: number
  /** How many posts it goes out as: a thread's parts, else 1. `count` is then the heaviest's. */
  posts: number
  /** Where the link goes: into the text, into the platform's own link field, or nowhere. */
  link: 'appended' | 'separate' | 'unsupported' | 'none'
  media: readonly MediaItem[]
  issues: readonly ValidationIssue[]
  view: PlatformView
}

// LinkedIn folds a feed post after about three lines (≈210 characters on desktop); Instagram
// after two lines, about 125 characters (Meta's guidance for captions that are not cut).
const LINKEDIN_FOLD = { chars: 210, lines: 3 }
const INSTAGRAM_FOLD = { chars: 125, lines: 2 }

function folded(text: string, fold: { chars: number; lines: number }): FoldedText {
  const head = foldOf(text, fold)
  return head === undefined
    ? { full: segmentsOf(text) }
    : { full: segmentsOf(text), folded: segmentsOf(head) }
}

/** X: the post, then `draft.thread`'s parts as replies, as @statex/twitter's publish builds them. */
function tweetsOf(draft: PostDraft, text: string): Tweet[] {
  const parts = [
    { text, media: draft.media ?? [] },
    ...(draft.thread ?? []).map((p) => ({ text: p.text, media: p.media ?? [] })),
  ]
  return parts.map((part, i) => {
    const last = urlsIn(part.text).at(-1)
    const card = part.media.length === 0 && last ? linkCard(last) : undefined
    return {
      text: part.text,
      fitsUpTo: fittingLength(part.text, 'twitter-weighted', CONTENT_RULES.twitter.text.max),
      media: part.media,
      ...(card ? { card } : {}),
      ...(parts.length > 1 ? { position: `${i + 1}/${parts.length}` } : {}),
    }
  })
}

function viewOf(platform: Platform, draft: PostDraft, text: string): PlatformView {
  const media = draft.media ?? []
  switch (platform) {
    case 'twitter':
      return { platform, tweets: tweetsOf(draft, text) }
    case 'linkedin':
    case 'facebook': {
      // Both adapters send the link as an article/link field only on a post without media;
      // LinkedIn titles the article with the URL itself (no title is given).
      const card =
        draft.link && media.length === 0
          ? linkCard(draft.link, platform === 'linkedin' ? draft.link : undefined)
          : undefined
      return {
        platform,
        text: folded(text, LINKEDIN_FOLD),
        ...(card ? { card } : {}),
        linkDropped: !!draft.link && media.length > 0,
      }
    }
    case 'instagram':
      // As @statex/instagram's kindOf: several items are a carousel, one video a reel.
      return {
        platform,
        kind: media.length > 1 ? 'CAROUSEL' : media[0]?.type === 'video' ? 'REELS' : 'FEED',
        caption: folded(text, INSTAGRAM_FOLD),
      }
    case 'telegram': {
      // sendMessage shows a preview of the text's first link; a photo or album has none.
      const first = media.length === 0 ? urlsIn(text)[0] : undefined
      const card = first ? linkCard(first) : undefined
      return {
        platform,
        message: media.length > 1 ? 'album' : media.length === 1 ? 'media' : 'text',
        ...(card ? { card } : {}),
      }
    }
    case 'whatsapp': {
      // @statex/whatsapp's buildMessage: no template from the composer, so one media item with the
      // text as caption, else a text whose link preview is asked for when the post has a link.
      const first = media.length === 0 && draft.link ? urlsIn(text)[0] : undefined
      const card = first ? linkCard(first) : undefined
      return { platform, message: media[0]?.type ?? 'text', ...(card ? { card } : {}) }
    }
  }
}

export function previewFor(platform: Platform, draft: PostDraft): PlatformPreview {
  const rules = CONTENT_RULES[platform]
  const media = draft.media ?? []
  const text = composeText(draft.text, draft.link, rules)
  const isCaption = media.length > 0 && rules.text.captionMax !== undefined
  const limit = isCaption ? (rules.text.captionMax ?? rules.text.max) : rules.text.max
  // A thread is within the limit when its heaviest part is: that is the count shown.
  const thread = rules.thread ? (draft.thread ?? []) : []
  const counts = [text, ...thread.map((p) => p.text)].map((t) => countText(t, rules.text.counting))
  return {
    platform,
    label: PLATFORM_LABELS[platform],
    text,
    count: Math.max(...counts),
    posts: counts.length,
    limit,
    counting: rules.text.counting,
    isCaption,
    fitsUpTo: fittingLength(text, rules.text.counting, limit),
    link: draft.link ? rules.link : 'none',
    media,
    issues: validatePost(draft, rules),
    view: viewOf(platform, draft, text),
  }
}

/** Each chosen platform's preview, from the form's values (a platform's own text where it has one). */
export function previewsOf(
  values: ComposerValues,
  accounts: readonly ComposerAccount[],
): PlatformPreview[] {
  return chosenPlatforms(values, accounts).map((p) => previewFor(p, draftFor(values, p)))
}
