import type {
  GroupStatus,
  InteractionType,
  Platform,
  PostDraft,
  PostStatus,
  ProviderErrorKind,
  PublishCheckpoint,
  RequestOutcome,
} from '@statex/core'

// Plain types every app sees. Prisma's generated types stay inside this package.

export type WorkspaceRole = 'owner' | 'editor' | 'viewer'
export type AccountStatus = 'active' | 'needs_reconnect' | 'disabled'
export type AiTier = 'ollama' | 'openai' | 'azure'
export type PublishOutcome = 'published' | 'pending' | 'rescheduled' | 'failed' | 'unknown'
/**
 * Where a post stands with its approval: `not_required` (the workspace asks for none and it was
 * not requested), `pending` (a draft still to submit), `in_review`, `approved`, `rejected`.
 * Only `not_required` and `approved` posts may publish.
 */
export type FirstCommentStatus = 'sending' | 'sent' | 'failed' | 'unknown'
export type ApprovalStatus = 'not_required' | 'pending' | 'in_review' | 'approved' | 'rejected'

export interface User {
  id: string
  email: string
  name: string | null
  createdAt: Date
}

export interface Workspace {
  id: string
  name: string
  slug: string
  createdAt: Date
}

export interface Membership {
  workspaceId: string
  userId: string
  role: WorkspaceRole
  createdAt: Date
}

/** A connected account as apps see it: no token fields, ever. */
export interface SocialAccount {
  id: string
  workspaceId: string
  platform: Platform
  externalAccountId: string
  displayName: string
  handle: string | null
  avatarUrl: string | null
  status: AccountStatus
  statusReason: string | null
  scopes: string[]
  accessTokenExpiresAt: Date | null
  refreshTokenExpiresAt: Date | null
  /** Whether a refresh token is stored (not the token). */
  hasRefreshToken: boolean
  createdAt: Date
  updatedAt: Date
}

export interface PostGroup {
  id: string
  workspaceId: string
  createdByUserId: string | null
  content: PostDraft
  scheduledAt: Date | null
  timeZone: string
  /** Derived from the targets after every outcome (`deriveGroupStatus`). */
  status: GroupStatus
  approvalStatus: ApprovalStatus
  createdAt: Date
}

/** One target of a post group: the post on one account. */
export interface SocialPost {
  id: string
  groupId: string
  accountId: string
  status: PostStatus
  content: PostDraft
  contentOverride: Partial<PostDraft> | null
  scheduledAt: Date | null
  externalId: string | null
  url: string | null
  publishedAt: Date | null
  lastError: string | null
  /** Every message/part the platform created (threads, albums, broadcasts). */
  partIds: string[]
  /** When the engine looks at this in-flight target again (lease end, next poll, reconcile). */
  nextCheckAt: Date | null
  /** Where the first comment stands: sending, sent, failed, unknown; null before (or without) one. */
  firstCommentStatus: FirstCommentStatus | null
  firstCommentExternalId: string | null
  firstCommentError: string | null
  version: number
  createdAt: Date
  updatedAt: Date
}

export interface PostGroupWithTargets extends PostGroup {
  targets: SocialPost[]
}

export interface PostStatusChange {
  id: string
  postId: string
  from: PostStatus | null
  to: PostStatus
  reason: string
  actor: string
  at: Date
}

/** The error fields an attempt records; a `ProviderError` from @statex/core fits as is. */
export interface PublishErrorInfo {
  kind: ProviderErrorKind | 'internal'
  outcome: RequestOutcome
  message: string
  status?: number
  platformCode?: string | number
}

export interface PublishAttempt {
  id: string
  postId: string
  attemptNumber: number
  idempotencyKey: string
  startedAt: Date
  finishedAt: Date | null
  outcome: PublishOutcome | null
  error: PublishErrorInfo | null
  checkpoint: PublishCheckpoint | null
  externalId: string | null
}

export interface MetricSnapshot {
  postId: string
  collectedAt: Date
  impressions: number | null
  reach: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  clicks: number | null
  saves: number | null
  views: number | null
  raw: unknown
}

export interface InboxItem {
  id: string
  accountId: string
  postId: string | null
  platform: Platform
  externalId: string
  type: InteractionType
  author: {
    externalId: string
    name: string | null
    handle: string | null
    avatarUrl: string | null
  }
  text: string | null
  externalPostId: string | null
  parentExternalId: string | null
  conversationId: string | null
  reaction: string | null
  createdAt: Date
  receivedAt: Date
  aiDraftText: string | null
  aiTier: AiTier | null
  repliedAt: Date | null
  replyExternalId: string | null
}

export interface ApiKey {
  id: string
  workspaceId: string
  createdByUserId: string | null
  name: string
  role: WorkspaceRole
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

/** A page of results and the cursor of the next page (null on the last page). */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/** A target as the API shows it: the post on one account, with the account's platform. */
export interface PostTargetView extends SocialPost {
  platform: Platform
}

export interface PostGroupView extends PostGroup {
  targets: PostTargetView[]
  updatedAt: Date
}

export interface ListPostsQuery {
  workspaceId: string
  status?: PostStatus[]
  platform?: Platform[]
  accountId?: string[]
  /** Scheduled at or after. */
  from?: Date
  /** Scheduled before. */
  to?: Date
  /** Case-insensitive text search in the post's text. */
  q?: string
  limit?: number
  cursor?: string
}

export interface IdempotencyRecord {
  key: string
  requestHash: string
  /** 0 while the first request is still running. */
  statusCode: number
  response: unknown
  createdAt: Date
}

export interface WebhookEndpoint {
  id: string
  workspaceId: string
  url: string
  events: string[]
  active: boolean
  createdAt: Date
}

export interface WebhookDelivery {
  id: string
  endpointId: string
  eventId: string
  eventType: string
  payload: unknown
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  responseStatus: number | null
  lastError: string | null
  createdAt: Date
  deliveredAt: Date | null
}

export interface Invitation {
  id: string
  workspaceId: string
  email: string
  role: WorkspaceRole
  expiresAt: Date
  acceptedAt: Date | null
  createdAt: Date
}
