import type { Platform } from './platform.js'

/**
 * Opaque, JSON-serialisable progress of a publish. The worker stores it with the publish attempt
 * and hands it back to `getPublishStatus` or as `resumeFrom`; only the adapter reads inside it.
 */
export type PublishCheckpoint = { readonly [key: string]: unknown }

/** One message of a broadcast (e.g. a WhatsApp message to one recipient). */
export interface Delivery {
  recipient: string
  externalId: string
  status: 'accepted' | 'sent' | 'delivered' | 'read' | 'failed'
  error?: { code?: string | number; message: string }
}

export type PublishResult =
  | {
      status: 'published'
      /** The id of the post (the first part of a thread, the first message of an album). */
      externalId: string
      url?: string
      publishedAt: Date
      /** Ids of every message/part the platform created, in order (threads, albums). */
      partIds?: string[]
      /** One entry per recipient for broadcasts. */
      deliveries?: Delivery[]
    }
  | {
      /** The platform accepted the post and is still processing it: ask `getPublishStatus`. */
      status: 'pending'
      checkpoint: PublishCheckpoint
      /** A hint of when to ask again. */
      retryAfterMs?: number
    }

/** Engagement of one post at one moment; fields a platform does not have stay undefined. */
export interface PostMetrics {
  externalId: string
  collectedAt: Date
  impressions?: number
  reach?: number
  likes?: number
  comments?: number
  shares?: number
  clicks?: number
  saves?: number
  views?: number
  /** The platform's own payload, kept for fields we do not normalise. */
  raw: unknown
}

/** Account-level figures at one moment (followers, page reach); absent fields the platform does not give. */
export interface AccountMetrics {
  collectedAt: Date
  followers?: number
  following?: number
  /** Posts the account has published in all. */
  posts?: number
  impressions?: number
  reach?: number
  /** The platform's own payload. */
  raw: unknown
}

export type InteractionType = 'COMMENT' | 'LIKE' | 'SHARE' | 'MENTION' | 'MESSAGE' | 'REACTION'

export interface InteractionAuthor {
  externalId: string
  name?: string
  handle?: string
  avatarUrl?: string
}

/** Something a person did in answer to the account: a comment, mention, message, like, share or reaction. */
export interface Interaction {
  platform: Platform
  /** Unique per platform and account; the inbox de-duplicates on it. */
  externalId: string
  type: InteractionType
  author: InteractionAuthor
  text?: string
  /** The post it belongs to, when the platform says. */
  externalPostId?: string
  /** The interaction this one answers (a reply to a comment). */
  parentExternalId?: string
  /** Where a reply goes (a chat id, a phone number, a conversation id). */
  conversationId?: string
  /** For REACTION: the emoji or reaction name. */
  reaction?: string
  createdAt: Date
  raw: unknown
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed'

export type WebhookEvent =
  | { kind: 'interaction'; accountExternalId?: string; interaction: Interaction }
  | {
      kind: 'delivery_status'
      accountExternalId?: string
      /** The id of the message the status is about. */
      externalId: string
      recipient?: string
      status: DeliveryStatus
      at: Date
      error?: { code?: string | number; message: string }
      raw: unknown
    }
