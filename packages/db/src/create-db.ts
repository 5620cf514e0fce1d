import { PrismaPg } from '@prisma/adapter-pg'
import type { DbContext } from './context.js'
import type { Keyring } from './crypto.js'
import { PrismaClient } from './generated/prisma/client.js'
import { accountsRepository } from './repos/accounts.js'
import { apiKeysRepository } from './repos/api-keys.js'
import { approvalsRepository } from './repos/approvals.js'
import { bulkPostsRepository } from './repos/bulk-posts.js'
import { recentPostsRepository } from './repos/recent-posts.js'
import { deliveriesRepository } from './repos/deliveries.js'
import { firstCommentsRepository } from './repos/first-comments.js'
import { feedsRepository } from './repos/feeds.js'
import { shortLinksRepository } from './repos/short-links.js'
import { notificationsRepository } from './repos/notifications.js'
import { notificationSourcesRepository } from './repos/notification-sources.js'
import { engineRepository } from './repos/engine.js'
import { slotsRepository } from './repos/slots.js'
import { interactionsRepository } from './repos/interactions.js'
import { conversationsRepository } from './repos/inbox/conversations.js'
import { ingestRepository } from './repos/inbox/ingest.js'
import { pollingRepository } from './repos/inbox/polling.js'
import { repliesRepository } from './repos/inbox/replies.js'
import { savedRepliesRepository } from './repos/inbox/saved-replies.js'
import { inboxSettingsRepository } from './repos/inbox/settings.js'
import { aiUsageRepository } from './repos/inbox/usage.js'
import { analyticsRepository } from './repos/analytics.js'
import { analyticsHealthRepository } from './repos/analytics-health.js'
import { metricsRepository } from './repos/metrics.js'
import { metricsSyncRepository } from './repos/metrics-sync.js'
import { accountMetricsRepository } from './repos/account-metrics.js'
import { idempotencyRepository } from './repos/idempotency.js'
import { invitationsRepository } from './repos/invitations.js'
import { oauthStatesRepository } from './repos/oauth-states.js'
import { postQueriesRepository } from './repos/post-queries.js'
import { postsRepository } from './repos/posts.js'
import { recurrenceRepository } from './repos/recurrence.js'
import { webhooksRepository } from './repos/webhooks.js'
import { publishRepository } from './repos/publish.js'
import { seedDemo } from './repos/seed.js'
import { statusRepository } from './repos/status.js'
import { usersRepository, workspacesRepository } from './repos/users.js'

export interface CreateDbOptions {
  /** `postgresql://user@host:port/database`. */
  databaseUrl: string
  /** Encrypts and decrypts account tokens; see `parseEncryptionKeys`. */
  keyring: Keyring
  /** Connection pool size. Default 10. */
  maxConnections?: number
}

/**
 * Opens a connection pool and returns Statex Social's data access, grouped by concern. Nothing
 * connects until the first query; call `close()` on shutdown.
 */
export function createDb(options: CreateDbOptions) {
  if (!/^postgres(ql)?:\/\//.test(options.databaseUrl))
    throw new TypeError('createDb: databaseUrl must be a postgresql:// URL.')
  if (!options.keyring.keys[options.keyring.activeKeyId]) {
    throw new TypeError(
      `createDb: the keyring's active key "${options.keyring.activeKeyId}" is not among its keys.`,
    )
  }
  const adapter = new PrismaPg({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
  })
  const prisma = new PrismaClient({ adapter })
  const ctx: DbContext = { prisma, keyring: options.keyring }
  return {
    users: usersRepository(ctx),
    workspaces: workspacesRepository(ctx),
    accounts: accountsRepository(ctx),
    posts: {
      ...postsRepository(ctx),
      ...statusRepository(ctx),
      ...postQueriesRepository(ctx),
      ...bulkPostsRepository(ctx),
      ...recentPostsRepository(ctx),
      ...firstCommentsRepository(ctx),
      ...deliveriesRepository(ctx),
    },
    idempotency: idempotencyRepository(ctx),
    webhooks: webhooksRepository(ctx),
    invitations: invitationsRepository(ctx),
    oauthStates: oauthStatesRepository(ctx),
    publishing: publishRepository(ctx),
    /** The publishing engine's scans, per-target context, reconciliation and group status. */
    engine: engineRepository(ctx),
    /** Recurring posts: each series' next occurrence, created once when the latest falls due. */
    recurrence: recurrenceRepository(ctx),
    /** Posting slots per workspace, in its zone; the next free slot. */
    slots: slotsRepository(ctx),
    /** Metric snapshots, the sync's schedule and recording (with the rollups), retention. */
    metrics: {
      ...metricsRepository(ctx),
      ...metricsSyncRepository(ctx),
      ...accountMetricsRepository(ctx),
    },
    /** Analytics read from the rollups and latest figures, never from raw snapshots. */
    analytics: { ...analyticsRepository(ctx), ...analyticsHealthRepository(ctx) },
    interactions: interactionsRepository(ctx),
    /** The inbox: ingest, conversations, replies (exactly once), saved replies, polling cursors. */
    inbox: {
      ...ingestRepository(ctx),
      ...conversationsRepository(ctx),
      ...repliesRepository(ctx),
      ...savedRepliesRepository(ctx),
      ...pollingRepository(ctx),
    },
    /** Auto-respond rules, brand voice, FAQ knowledge (full-text search) and AI usage. */
    inboxSettings: { ...inboxSettingsRepository(ctx), ...aiUsageRepository(ctx) },
    apiKeys: apiKeysRepository(ctx),
    /** The workspace's approval policy, review steps of posts, and external review links. */
    approvals: approvalsRepository(ctx),
    /** RSS/Atom feeds, their seen items, and the poller's claims and outcomes. */
    feeds: feedsRepository(ctx),
    /** Our short links (`/l/:code`) and their click counts. */
    links: shortLinksRepository(ctx),
    /** Per-member notifications (deduplicated by event), their email outbox, and preferences; the reads that word them. */
    notifications: { ...notificationsRepository(ctx), ...notificationSourcesRepository(ctx) },
    /** Demo user, workspace and membership; idempotent. With `password`, the demo user can sign in with it. */
    seedDemo: (options?: { password?: string }) => seedDemo(ctx, options),
    /** Resolves when the database answers; throws the driver's error otherwise (no secrets in it). */
    async ping(): Promise<void> {
      await prisma.$queryRaw`SELECT 1`
    },
    async close(): Promise<void> {
      await prisma.$disconnect()
    },
  }
}

export type Db = ReturnType<typeof createDb>

/** Email + password sign-in (the web dashboard's credentials provider): the user, or null. */
export function authenticateUser(db: Db, input: { email: string; password: string }) {
  return db.users.authenticate(input)
}
