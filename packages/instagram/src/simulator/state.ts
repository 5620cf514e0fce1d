import type { AccountAuth } from '@statex/core'
import type { SimulatedPost } from '@statex/testkit/simulator'

/** People who comment on and write to every simulated account (Instagram-scoped ids). */
export const SIMULATED_FOLLOWERS: readonly { id: string; username: string }[] = [
  { id: '17841400000000101', username: 'mia.travels' },
  { id: '17841400000000102', username: 'noah_cooks' },
  { id: '17841400000000103', username: 'lena.designs' },
]

export const DM_WINDOW_MS = 24 * 3600_000
/** Simulated time Instagram takes to process a video container. */
export const VIDEO_PROCESSING_MS = 90_000
/** Containers expire when not published within 24 hours. */
export const CONTAINER_TTL_MS = 24 * 3600_000
/** The rolling window of content_publishing_limit. */
export const QUOTA_WINDOW_MS = 24 * 3600_000

export interface IgAccount {
  id: string
  username: string
  name: string
  pageId: string
  auth: AccountAuth
  quotaTotal: number
  /** `followers_count` and `follows_count` of the profile. */
  followers: number
  follows: number
}

export interface Container {
  id: string
  userId: string
  params: Record<string, unknown>
  mediaType: 'IMAGE' | 'VIDEO' | 'REELS' | 'STORIES' | 'CAROUSEL'
  isCarouselItem: boolean
  children: string[]
  createdAt: number
  readyAt: number
  /** Set when processing fails (the `status` text, e.g. `Error: 2207026`). */
  error?: string
  publishedMediaId?: string
}

export interface Media {
  id: string
  userId: string
  containerId: string
  caption?: string
  mediaType: string
  productType: 'FEED' | 'REELS' | 'STORY'
  createdAt: number
  shortcode: string
}

export interface IgComment {
  id: string
  userId: string
  mediaId: string
  parentId?: string
  text: string
  from: { id: string; username: string }
  createdAt: number
}

export interface Dm {
  mid: string
  userId: string
  igsid: string
  text: string
  at: number
  direction: 'in' | 'out'
}

/** Engagement grows with a post's age, identically on every run. */
export function insightsOf(media: Media, comments: number, now: number) {
  const minutes = Math.max(0, Math.floor((now - media.createdAt) / 60_000))
  const views = minutes * 4
  return {
    views,
    reach: Math.floor((views * 3) / 4),
    likes: Math.floor(views / 8),
    comments,
    saved: Math.floor(views / 40),
    shares: Math.floor(views / 60),
    total_interactions: Math.floor(views / 8) + comments,
  }
}

export function toSimulatedPost(media: Media, comments: readonly IgComment[]): SimulatedPost {
  return {
    externalId: media.id,
    createdAt: new Date(media.createdAt),
    text: media.caption ?? '',
    activity: comments
      .filter((c) => c.mediaId === media.id)
      .map((c) => ({
        kind: c.from.id === media.userId ? 'reply' : 'comment',
        text: `@${c.from.username}: ${c.text}`,
        at: new Date(c.createdAt),
      })),
    raw: {
      id: media.id,
      caption: media.caption,
      media_type: media.mediaType,
      media_product_type: media.productType,
      permalink: `https://www.instagram.com/p/${media.shortcode}/`,
    },
  }
}
