import type { Platform } from './platform.js'

export type MediaType = 'image' | 'video' | 'document'

/** A media file attached to a post. `url` must be reachable by the platform at publish time. */
export interface MediaItem {
  url: string
  type: MediaType
  /** Alternative text for screen readers; sent where the platform accepts it. */
  altText?: string
  /** e.g. `image/jpeg`; used to reject formats a platform refuses before anything is sent. */
  mimeType?: string
  sizeBytes?: number
  fileName?: string
}

export interface Poll {
  /** Shown above the options where the platform has a separate question (Telegram); else the post text is the question. */
  question?: string
  options: string[]
  durationMinutes: number
}

/** A follow-up part of a thread: published as a reply to the part before it. */
export interface ThreadPart {
  text: string
  media?: MediaItem[]
}

/** A WhatsApp message template approved in WhatsApp Manager. */
export interface WhatsAppTemplate {
  name: string
  /** Language-and-locale code, e.g. `en_US`. */
  language: string
  /** Components exactly as the Cloud API takes them (`[{ type: 'body', parameters: [...] }]`). */
  components?: unknown[]
}

/** Options a single platform understands; the others ignore them. */
export interface PlatformOptions {
  telegram?: {
    parseMode?: 'HTML' | 'MarkdownV2'
    disableLinkPreview?: boolean
    disableNotification?: boolean
    protectContent?: boolean
  }
  whatsapp?: {
    /** E.164 phone numbers of opted-in contacts; one message (one delivery) per recipient. */
    recipients: string[]
    /** Required to reach a recipient outside the 24-hour customer-service window. */
    template?: WhatsAppTemplate
    previewUrl?: boolean
  }
  linkedin?: {
    visibility?: 'PUBLIC' | 'CONNECTIONS' | 'LOGGED_IN'
    /**
     * People or organizations to mention: each `@Name` in the text that matches a `name` here
     * becomes a LinkedIn mention of `urn`. Any other `@` is sent as plain text.
     */
    mentions?: { name: string; urn: string }[]
    /** `#word` (starting with a letter) becomes a LinkedIn hashtag; false sends it as text. Default true. */
    hashtags?: boolean
    /**
     * The link preview (`link` is the article source): its title, description, and a thumbnail
     * image URL, uploaded through the Images API.
     */
    article?: { title?: string; description?: string; thumbnailUrl?: string }
  }
  facebook?: {
    /** `false` creates the post unpublished (hidden from the Page), as Graph's `published` does. */
    published?: boolean
    /** Publish one image as a Page photo story (`/photo_stories`) instead of a feed post. */
    story?: boolean
  }
  twitter?: {
    replySettings?: 'following' | 'mentionedUsers' | 'subscribers' | 'verified'
    /** The id of a post to quote (X: `quote_tweet_id`; not with media or a poll). */
    quoteTweetId?: string
  }
  instagram?: { kind?: 'FEED' | 'REELS' | 'STORIES'; shareToFeed?: boolean }
}

/** A post as composed, before it is sent to one platform. Per-target overrides are applied before this. */
export interface PostDraft {
  text: string
  media?: MediaItem[]
  link?: string
  /** Parts after the first; the first part is `text` + `media`. */
  thread?: ThreadPart[]
  poll?: Poll
  options?: PlatformOptions
  /**
   * Posted as a comment under the post right after it is published, once (LinkedIn, Facebook,
   * Instagram; a reply on X): where links or hashtags go without weighing on the post itself.
   */
  firstComment?: string
}

export type PlatformOptionsFor<P extends Platform> = NonNullable<PlatformOptions[P]>
