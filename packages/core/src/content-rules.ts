import type { MediaType } from './post.js'
import type { Platform } from './platform.js'
import type { TextCounting } from './text-length.js'

export interface MediaTypeRules {
  /** MIME types accepted; checked only when a media item states its `mimeType`. */
  mimeTypes: readonly string[]
  maxBytes: number
}

/** What a platform accepts in one post, from its documentation. Used by `validatePost` and the composer. */
export interface ContentRules {
  platform: Platform
  text: {
    max: number
    counting: TextCounting
    /** Limit on the text when media is attached, when it differs (a caption). */
    captionMax?: number
  }
  media: {
    /** At least this many items (Instagram cannot post text alone). */
    min: number
    max: number
    types: Partial<Record<MediaType, MediaTypeRules>>
    /** Types that must be the only item of a post (one video, one document). */
    alone: readonly MediaType[]
    /** Types that may not share a multi-item post with other types (Telegram groups documents only with documents). */
    groupsOnlyWithSameType: readonly MediaType[]
    altTextMax?: number
  }
  /** How `PostDraft.link` reaches the platform: appended to the text, sent as a separate field, or not at all. */
  link: 'appended' | 'separate' | 'unsupported'
  hashtagsMax?: number
  mentionsMax?: number
  /** Threads as reply chains; `undefined` when the platform has none. */
  thread?: { maxParts: number }
  poll?: {
    minOptions: number
    maxOptions: number
    optionMax: number
    questionMax?: number
    minMinutes: number
    maxMinutes: number
    /** A poll cannot carry media on this platform. */
    excludesMedia: boolean
  }
}

const JPEG_PNG = ['image/jpeg', 'image/png'] as const
const MB = 1024 * 1024

/**
 * The rules per platform. Sources: ../shared/research/platform-apis.md and the docs it cites.
 */
export const CONTENT_RULES: Readonly<Record<Platform, ContentRules>> = {
  // https://docs.x.com/fundamentals/counting-characters; POST /2/tweets media.media_ids 1–4, poll 2–4 × 25, 5–10080 min.
  twitter: {
    platform: 'twitter',
    text: { max: 280, counting: 'twitter-weighted' },
    media: {
      min: 0,
      max: 4,
      types: {
        image: {
          mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
          maxBytes: 5 * MB,
        },
        video: { mimeTypes: ['video/mp4', 'video/quicktime'], maxBytes: 512 * MB },
      },
      alone: ['video'],
      groupsOnlyWithSameType: [],
      altTextMax: 1000,
    },
    link: 'appended',
    thread: { maxParts: 25 },
    poll: {
      minOptions: 2,
      maxOptions: 4,
      optionMax: 25,
      minMinutes: 5,
      maxMinutes: 10080,
      excludesMedia: true,
    },
  },
  // Posts API: commentary ≤ 3,000; MultiImage 2–20 images; one video or one document per post.
  linkedin: {
    platform: 'linkedin',
    text: { max: 3000, counting: 'code-points' },
    media: {
      min: 0,
      max: 20,
      types: {
        image: { mimeTypes: ['image/jpeg', 'image/png', 'image/gif'], maxBytes: 36 * MB },
        video: { mimeTypes: ['video/mp4'], maxBytes: 500 * MB },
        document: {
          mimeTypes: [
            'application/pdf',
            'application/vnd.openxmlformats-officedocument.presentationml.presentation',
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          ],
          maxBytes: 100 * MB,
        },
      },
      alone: ['video', 'document'],
      groupsOnlyWithSameType: [],
      altTextMax: 4086,
    },
    link: 'separate',
  },
  // Graph API /{page-id}/feed message ≤ 63,206; attached_media photos (10 in practice); one video.
  facebook: {
    platform: 'facebook',
    text: { max: 63206, counting: 'code-points' },
    media: {
      min: 0,
      max: 10,
      types: {
        image: {
          mimeTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'image/tiff'],
          maxBytes: 10 * MB,
        },
        video: { mimeTypes: ['video/mp4', 'video/quicktime'], maxBytes: 1024 * MB },
      },
      alone: ['video'],
      groupsOnlyWithSameType: [],
    },
    link: 'separate',
  },
  // Content publishing: caption ≤ 2,200, ≤ 30 hashtags, ≤ 20 @-tags; carousel ≤ 10; JPEG only; media required.
  instagram: {
    platform: 'instagram',
    text: { max: 2200, counting: 'code-points' },
    media: {
      min: 1,
      max: 10,
      types: {
        image: { mimeTypes: ['image/jpeg'], maxBytes: 8 * MB },
        video: { mimeTypes: ['video/mp4', 'video/quicktime'], maxBytes: 1024 * MB },
      },
      alone: [],
      groupsOnlyWithSameType: [],
      altTextMax: 1000,
    },
    link: 'unsupported',
    hashtagsMax: 30,
    mentionsMax: 20,
  },
  // Bot API 10.1: sendMessage text 1–4096, captions 0–1024, sendMediaGroup 2–10 (documents only
  // with documents), photos ≤ 10 MB, uploads ≤ 50 MB; sendPoll question 1–300, 1–12 options of
  // 1–100 chars, open_period 5–2,628,000 s.
  telegram: {
    platform: 'telegram',
    text: { max: 4096, counting: 'utf16', captionMax: 1024 },
    media: {
      min: 0,
      max: 10,
      types: {
        image: {
          mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
          maxBytes: 10 * MB,
        },
        video: { mimeTypes: ['video/mp4'], maxBytes: 50 * MB },
        document: { mimeTypes: [], maxBytes: 50 * MB },
      },
      alone: [],
      groupsOnlyWithSameType: ['document'],
    },
    link: 'appended',
    thread: { maxParts: 50 },
    poll: {
      minOptions: 1,
      maxOptions: 12,
      optionMax: 100,
      questionMax: 300,
      minMinutes: 1,
      maxMinutes: 43800,
      excludesMedia: true,
    },
  },
  // Cloud API: text body ≤ 4,096, caption ≤ 1,024; image JPEG/PNG ≤ 5 MB, video MP4/3GPP ≤ 16 MB,
  // document ≤ 100 MB; one media item per message.
  whatsapp: {
    platform: 'whatsapp',
    text: { max: 4096, counting: 'code-points', captionMax: 1024 },
    media: {
      min: 0,
      max: 1,
      types: {
        image: { mimeTypes: [...JPEG_PNG], maxBytes: 5 * MB },
        video: { mimeTypes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
        document: { mimeTypes: [], maxBytes: 100 * MB },
      },
      alone: [],
      groupsOnlyWithSameType: [],
    },
    link: 'appended',
  },
}

/** The text as it will be sent: the link appended on platforms that have no separate link field. */
export function composeText(
  text: string,
  link: string | undefined,
  rules: Pick<ContentRules, 'link'>,
): string {
  if (!link || rules.link !== 'appended') return text
  if (text.includes(link)) return text
  return text.trim() ? `${text}\n\n${link}` : link
}
