export { authenticateUser, createDb } from './create-db.js'
export type { CreateDbOptions, Db } from './create-db.js'
export type { Keyring } from './crypto.js'
export {
  DecryptionError,
  KeyringError,
  decryptSecret,
  developmentKeyring,
  encryptSecret,
  generateEncryptionKey,
  parseEncryptionKeys,
} from './crypto.js'
export {
  AccountHasPostsError,
  ApprovalStateError,
  AttemptAlreadyFinishedError,
  EmailTakenError,
  InvalidInputError,
  InvitationInvalidError,
  LastOwnerError,
  NotFoundError,
  SignUpClosedError,
  StatusConflictError,
} from './errors.js'
export { ensureDatabase, migrate } from './migrations/apply.js'
export type { MigrateOptions, MigrateResult } from './migrations/apply.js'
export type { CreatePostGroupInput } from './repos/posts.js'
export type { BulkCreateInput } from './repos/bulk-posts.js'
export type { RecentTarget } from './repos/recent-posts.js'
export type { Feed, FeedEntry, FeedMode } from './repos/feeds.js'
export type { ShortLink } from './repos/short-links.js'
export { NOTIFICATION_DEFAULTS, NOTIFICATION_KINDS } from './repos/notifications.js'
export type {
  EmailStatus,
  Notification,
  NotificationChannels,
  NotificationEmail,
  NotificationInput,
  NotificationKind,
} from './repos/notifications.js'
export type { DigestRecipient, DigestSummary, PostNotice } from './repos/notification-sources.js'
export { resolveDraft } from './repos/posts.js'
export { AWAITING_APPROVAL, EDITABLE_STATUSES } from './repos/post-queries.js'
export type { UpdatePostGroupInput, UpdatePostGroupResult } from './repos/post-queries.js'
export { MAY_PUBLISH } from './repos/approval-gate.js'
export type {
  ApprovalPolicy,
  ReviewEvent,
  ReviewEventKind,
  ReviewLink,
  ReviewStepResult,
} from './repos/approvals.js'
export { IDEMPOTENCY_TTL_MS } from './repos/idempotency.js'
export type { ReserveResult } from './repos/idempotency.js'
export type { OAuthStateRecord } from './repos/oauth-states.js'
export type { TransitionInput } from './repos/status.js'
export type { DispatchItem, EngineAccount, PublishContext, Reconciliation } from './repos/engine.js'
export type { PostingSchedule } from './repos/slots.js'
export type { RolledOccurrence } from './repos/recurrence.js'
export type { BeginPublishResult, PublishAttemptResult } from './repos/publish.js'
export { idempotencyKeyFor } from './repos/publish.js'
export { DEMO_USER_EMAIL, DEMO_WORKSPACE_SLUG } from './repos/seed.js'
export { MIN_PASSWORD_LENGTH } from './passwords.js'
export { passwordProblem } from './repos/sign-up.js'
export type { SignUpInput, SignedUpPerson } from './repos/sign-up.js'
export type { ExternalIdentity } from './repos/external-sign-in.js'
export type * from './types.js'
export { conversationKeyOf, REPLY_QUEUE_TYPES } from './repos/inbox/conversation-key.js'
export type { IngestResult } from './repos/inbox/ingest.js'
export type { ClaimResult } from './repos/inbox/replies.js'
export type { ConversationChange } from './repos/inbox/conversations.js'
export type { RuleInput } from './repos/inbox/settings.js'
export type {
  CollectedMetrics,
  LatestMetrics,
  MetricsDueItem,
  RecordSyncResult,
} from './repos/metrics-sync.js'
export type {
  AnalyticsFilter,
  DailyRollupRow,
  MetricSums,
  PublishingHealthRow,
  TimeOfWeekRow,
  TopPostRow,
} from './repos/analytics.js'
export type {
  AccountNeedingAttention,
  AiTierUsageRow,
  AuthErrorRow,
  LinkClickDayRow,
} from './repos/analytics-health.js'
