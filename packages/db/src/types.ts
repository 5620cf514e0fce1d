import type {
  Delivery,
  RecurrenceRule,
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
  /** The weekly rule when this is a series' latest occurrence; null otherwise. */
  recurrence: RecurrenceRule | null
  /** The first occurrence's id when the post belongs to a recurring series. */
  seriesId: string | null
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
  /** A broadcast's messages per recipient, kept current by status webhooks; null otherwise. */
  deliveries: Delivery[] | null
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
  /** The inbox's contact and conversation (null for likes, shares and reactions). */
  contactId: string | null
  inboxConversationId: string | null
  sentiment: Sentiment | null
  intent: Intent | null
  /** Hidden by triage (spam). */
  hidden: boolean
}

export type Sentiment = 'positive' | 'neutral' | 'negative'
export type Intent = 'question' | 'complaint' | 'praise' | 'spam' | 'other'
export type ConversationStatus = 'open' | 'pending' | 'resolved' | 'snoozed'

export interface Conversation {
  id: string
  workspaceId: string
  accountId: string
  platform: Platform
  key: string
  kind: 'comments' | 'direct'
  postId: string | null
  contactId: string | null
  status: ConversationStatus
  snoozedUntil: Date | null
  assigneeUserId: string | null
  labels: string[]
  firstInboundAt: Date
  /** The person's latest message: where the 24-hour messaging window starts. */
  lastInboundAt: Date
  lastMessageAt: Date
  firstResponseAt: Date | null
  resolvedAt: Date | null
  /** From the person's first message to our first answer / to resolution; null until then. */
  firstResponseMs: number | null
  resolutionMs: number | null
  createdAt: Date
}

export type ReplySource = 'manual' | 'suggestion' | 'auto'

export interface InboxReply {
  id: string
  interactionId: string
  text: string
  source: ReplySource
  aiTier: AiTier | null
  status: 'sending' | 'sent' | 'unknown' | 'failed'
  externalId: string | null
  error: string | null
  actor: string
  createdAt: Date
  sentAt: Date | null
}

export interface InboxNote {
  id: string
  author: string
  text: string
  createdAt: Date
}

export interface ConversationTimeline {
  conversation: Conversation
  interactions: InboxItem[]
  replies: InboxReply[]
  notes: InboxNote[]
}

export interface SavedReply {
  id: string
  name: string
  text: string
  createdAt: Date
  updatedAt: Date
}

export interface AutoRespondRule {
  id: string
  workspaceId: string
  /** Null: the workspace's rule, for accounts without their own. */
  accountId: string | null
  mode: 'off' | 'suggest' | 'auto'
  /** Empty: comments, mentions and messages. */
  types: InteractionType[]
  /** Lower-case; empty: any text. */
  keywords: string[]
  quietStart: string | null
  quietEnd: string | null
  hourlyCap: number
}

export interface BrandVoice {
  tone: string
  signature: string | null
  dos: string[]
  donts: string[]
}

export interface KnowledgeEntry {
  id: string
  question: string
  answer: string
  createdAt: Date
}

export interface AiUsageRecord {
  workspaceId: string
  purpose: 'reply' | 'triage' | 'rewrite' | 'hashtags' | 'shorten'
  tier: AiTier
  model: string
  tokensIn: number
  tokensOut: number
  latencyMs: number
  costUsd: number
  interactionId?: string
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
