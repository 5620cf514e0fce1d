import type { Platform, SocialProvider } from '@statex/core'
import type { Db } from '@statex/db'
import type { Queues, QueueName } from '@statex/jobs'
import type { Logger } from '@statex/runtime'
import type { Processor, Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import { createAccountGate } from './account-gate.js'
import { createDispatcher } from './dispatcher.js'
import { createEngineEvents } from './events.js'
import {
  createPublishProcessor,
  DEFAULT_ENGINE_SETTINGS,
  type PublishEngineSettings,
} from './publish-processor.js'
import { createFeedPoller } from '../feeds/poll-feeds.js'
import { createRefreshTokensProcessor } from './refresh-tokens.js'
import { createNotices } from '../notifications/notices.js'
import { createTokenService } from './token-service.js'
import type { AiChain } from '@statex/ai'
import { createAutoRespond } from '../inbox/auto-respond.js'
import {
  createProcessInteractions,
  DEFAULT_POLL_INTERVALS_MS,
} from '../inbox/process-interactions.js'
import { createMetricsScheduler } from '../metrics/metrics-scheduler.js'
import {
  createMetricsProcessor,
  DEFAULT_METRICS_SETTINGS,
  type MetricsSettings,
} from '../metrics/metrics-processor.js'
import { createMetricsSync } from '../metrics/sync-metrics.js'

export interface EngineDeps {
  db: Db
  redis: Redis
  prefix: string
  queues: Queues
  /** Outgoing webhook deliveries (the API's delivery worker sends them). */
  webhookQueue: Queue
  /** Notification emails; without it notifications are stored and their emails wait for the sweep. */
  notificationQueue?: Queue
  providers: Partial<Record<Platform, SocialProvider>>
  log: Logger
  settings?: Partial<PublishEngineSettings>
  /** Publish jobs at once per platform in this process. */
  platformConcurrency?: Readonly<Record<string, number>>
  dispatchHorizonMs?: number
  /** The AI tiers for drafts and triage; null or absent: rules-only triage, no drafts. */
  chain?: AiChain | null
  /** Per-platform poll intervals of the inbox; default DEFAULT_POLL_INTERVALS_MS. */
  pollIntervalsMs?: Partial<Record<Platform, number>>
  metrics?: Partial<MetricsSettings>
  /** Fetch feeds from private addresses too (tests only). */
  allowPrivateFeedUrls?: boolean
  /** Aborted when the worker stops: work that is safe to cut short (inbox polls) ends at once. */
  stopping?: AbortSignal
}

/** Every queue's processor, built on the running worker's connections. */
export function createEngineProcessors(deps: EngineDeps): Partial<Record<QueueName, Processor>> {
  const settings = { ...DEFAULT_ENGINE_SETTINGS, ...deps.settings }
  const gate = createAccountGate({
    redis: deps.redis,
    prefix: deps.prefix,
    // The account's lease outlives the publish call it guards (its timeout), not a dead worker long.
    leaseMs: settings.publishTimeoutMs + 5_000,
  })
  const notices = createNotices({ db: deps.db, queue: deps.notificationQueue, log: deps.log })
  const events = createEngineEvents({
    db: deps.db,
    queue: deps.webhookQueue,
    log: deps.log,
    notices,
  })
  const tokens = createTokenService({
    needsReconnect: events.needsReconnect,
    db: deps.db,
    redis: deps.redis,
    prefix: deps.prefix,
    providers: deps.providers,
  })
  const dispatcher = createDispatcher({
    db: deps.db,
    queue: deps.queues.publish,
    settleGroup: events.settleGroup,
    horizonMs: deps.dispatchHorizonMs ?? settings.horizonMs,
  })
  const publish = createPublishProcessor({
    db: deps.db,
    providers: deps.providers,
    gate,
    tokens,
    events,
    log: deps.log,
    settings,
    platformConcurrency: deps.platformConcurrency ?? {},
  })
  const feeds = createFeedPoller({
    db: deps.db,
    providers: deps.providers,
    log: deps.log,
    events,
    ...(deps.allowPrivateFeedUrls ? { allowPrivate: true } : {}),
  })
  const metricsSettings = { ...DEFAULT_METRICS_SETTINGS, ...deps.metrics }
  const metrics = createMetricsProcessor({
    db: deps.db,
    settings: metricsSettings,
    scheduler: createMetricsScheduler({
      db: deps.db,
      queue: deps.queues['sync-metrics'],
      providers: deps.providers,
      maxAgeMs: metricsSettings.schedule.maxAgeMs,
    }),
    sync: createMetricsSync({
      db: deps.db,
      providers: deps.providers,
      tokens,
      // Its own pauses (`<prefix>:metrics:account:<id>:paused`): never publishing's.
      gate: createAccountGate({
        redis: deps.redis,
        prefix: `${deps.prefix}:metrics`,
        leaseMs: 60_000,
      }),
      publishPauses: gate,
      schedule: metricsSettings.schedule,
      log: deps.log,
    }),
  })
  return {
    publish,
    dispatch: async () => {
      const stats = await dispatcher.tick()
      if (stats.enqueued + stats.failed + stats.resumed > 0) deps.log.debug(stats, 'dispatch tick')
      return stats
    },
    'refresh-tokens': createRefreshTokensProcessor({
      db: deps.db,
      tokens,
      providers: deps.providers,
      log: deps.log,
      notices,
    }),
    'poll-feeds': async () => {
      const stats = await feeds.tick()
      if (stats.polled > 0) deps.log.debug(stats, 'feed poll tick')
      return stats
    },
    'process-interactions': createProcessInteractions({
      db: deps.db,
      queues: deps.queues,
      providers: deps.providers,
      tokens,
      log: deps.log,
      gate,
      pollIntervalsMs: deps.pollIntervalsMs ?? DEFAULT_POLL_INTERVALS_MS,
      ...(deps.stopping ? { stopping: deps.stopping } : {}),
    }),
    'auto-respond': createAutoRespond({
      db: deps.db,
      providers: deps.providers,
      tokens,
      chain: deps.chain ?? null,
      log: deps.log,
    }),
    'sync-metrics': metrics,
  }
}

/** Installs the dispatcher's, the token check's and the metrics' job schedulers; safe at every boot. */
export async function scheduleEngine(
  queues: Queues,
  options: {
    dispatchIntervalMs: number
    refreshIntervalMs?: number
    inboxTickMs?: number
    metricsIntervalMs?: number
    feedsTickMs?: number
  },
): Promise<void> {
  await queues['sync-metrics'].upsertJobScheduler(
    'metrics-tick',
    { every: options.metricsIntervalMs ?? DEFAULT_METRICS_SETTINGS.tickIntervalMs },
    { name: 'tick', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
  )
  await queues['sync-metrics'].upsertJobScheduler(
    'metrics-retention',
    { every: 24 * 3_600_000 },
    { name: 'retention', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
  )
  await queues.dispatch.upsertJobScheduler(
    'dispatch-tick',
    { every: options.dispatchIntervalMs },
    { name: 'tick', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
  )
  await queues['refresh-tokens'].upsertJobScheduler(
    'refresh-tokens-tick',
    { every: options.refreshIntervalMs ?? 15 * 60_000 },
    { name: 'check', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
  )
  // The inbox tick: queues the accounts due for a poll and stored webhook deliveries whose job was lost.
  await queues['process-interactions'].upsertJobScheduler(
    'inbox-tick',
    { every: options.inboxTickMs ?? 60_000 },
    { name: 'tick', data: { source: 'poll' }, opts: { removeOnComplete: true, removeOnFail: 100 } },
  )
  // Each feed keeps its own interval and backoff in PostgreSQL; the tick only looks for due ones.
  await queues['poll-feeds'].upsertJobScheduler(
    'poll-feeds-tick',
    { every: options.feedsTickMs ?? 60_000 },
    { name: 'tick', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
  )
}
