export type { Platform } from './platform.js'
export { PLATFORMS, PLATFORM_NAMES, isPlatform } from './platform.js'
export type {
  MediaItem,
  MediaType,
  Poll,
  ThreadPart,
  PostDraft,
  PlatformOptions,
  PlatformOptionsFor,
  WhatsAppTemplate,
} from './post.js'
export type { AccountAuth, ConnectedAccount, TokenSet } from './auth.js'
export type {
  AccountMetrics,
  Delivery,
  DeliveryStatus,
  Interaction,
  InteractionAuthor,
  InteractionType,
  PostMetrics,
  PublishCheckpoint,
  PublishResult,
  WebhookEvent,
} from './results.js'
export type { PostStatus } from './post-status.js'
export {
  EDITABLE_STATUSES,
  POST_STATUSES,
  POST_STATUS_TRANSITIONS,
  POSSIBLY_ON_PLATFORM,
  InvalidTransitionError,
  assertTransition,
  canTransition,
  isSettled,
} from './post-status.js'
export type { LocalDateTime, RecurrenceRule, WeeklySlot } from './schedule-time.js'
export {
  isTimeZone,
  nextFreeSlot,
  nextOccurrence,
  nextSlotInstants,
  toLocal,
  zonedTimeToInstant,
} from './schedule-time.js'
export type { GroupStatus } from './group-status.js'
export { deriveGroupStatus } from './group-status.js'
export type { ProviderErrorInit, ProviderErrorKind, RequestOutcome } from './errors.js'
export { PROVIDER_ERROR_KINDS, ProviderError } from './errors.js'
export type { HeaderSource } from './retry-after.js'
export { parseRetryAfter } from './retry-after.js'
export { redactSecrets } from './redact.js'
export type { TextCounting } from './text-length.js'
export { countText, fittingLength } from './text-length.js'
export type { ThreadSplitOptions } from './thread-split.js'
export { numberThreadParts, splitThread, threadSuffix } from './thread-split.js'
export type { ContentRules, MediaTypeRules } from './content-rules.js'
export { CONTENT_RULES, composeText } from './content-rules.js'
export type { ValidationCode, ValidationIssue } from './validation.js'
export { validatePost } from './validation.js'
export type {
  FindPublishedInput,
  MetricField,
  ProviderCapabilities,
  PublishInput,
  SocialProvider,
  WebhookRequest,
} from './provider.js'
export { CapabilityMismatchError, assertProviderImplements } from './provider.js'
export type { MessagingWindow } from './messaging-window.js'
export { MESSAGING_WINDOW_MS, messagingWindow } from './messaging-window.js'
export type { MetricCounts, MetricsSchedule } from './engagement.js'
export {
  DEFAULT_METRICS_SCHEDULE,
  ENGAGEMENT_FIELDS,
  METRIC_FIELDS,
  audienceOf,
  engagementRate,
  engagementsOf,
  nextMetricsSync,
} from './engagement.js'
