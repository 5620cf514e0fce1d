import { METRIC_FIELDS } from '@statex/core'
/**
 * The analytics bench's generator: a workspace's year of posts and their metric time series,
 * streamed into PostgreSQL with COPY (never row by row). Snapshot instants follow the sync's own
 * decaying schedule; the rollups and each post's latest figures are computed from the same
 * generated points, so the database holds what the real sync path would have written.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import {
  DEFAULT_METRICS_SCHEDULE,
  audienceOf,
  engagementsOf,
  nextMetricsSync,
  type MetricCounts,
  type Platform,
} from '../packages/core/src/index.js'
import { copy, csv, random } from './copy-rows.js'

export interface SeedOptions {
  databaseUrl: string
  workspaceId: string
  accounts: { id: string; platform: Platform }[]
  posts: number
  /** Points per post (the sync's schedule gives ~95 over 30 days; the rest continue daily). */
  snapshotsPerPost: number
  /** The newest post is published this long before now, so every point lies in the past. */
  now: Date
}

const DAY = 86_400_000
const HISTORY_MS = 365 * DAY
// Later points continue daily so `snapshotsPerPost` is reached whatever the schedule's end.
const SCHEDULE = { ...DEFAULT_METRICS_SCHEDULE, maxAgeMs: 10 * 365 * DAY }

// The one list of counters, in core's order.
const FIELDS = METRIC_FIELDS
/** Which counters each platform gives (as their adapters report them). */
const GIVES: Record<string, readonly (typeof FIELDS)[number][]> = {
  twitter: ['impressions', 'likes', 'comments', 'shares', 'saves', 'clicks'],
  linkedin: ['impressions', 'reach', 'likes', 'comments', 'shares', 'clicks'],
  facebook: ['views', 'reach', 'clicks', 'likes', 'comments', 'shares'],
  instagram: ['reach', 'likes', 'comments', 'saves', 'shares', 'views'],
}
/** The share of the final audience each counter reaches. */
const SCALE: Record<(typeof FIELDS)[number], number> = {
  impressions: 1,
  reach: 0.7,
  views: 1,
  likes: 0.04,
  comments: 0.006,
  shares: 0.004,
  clicks: 0.01,
  saves: 0.003,
}

type Sums = Record<(typeof FIELDS)[number] | 'engagements' | 'audience', number> & { posts: number }
const zero = (): Sums => ({
  impressions: 0,
  reach: 0,
  likes: 0,
  comments: 0,
  shares: 0,
  clicks: 0,
  saves: 0,
  views: 0,
  engagements: 0,
  audience: 0,
  posts: 0,
})

export async function seedAnalytics(options: SeedOptions): Promise<{ snapshots: number }> {
  const { accounts, posts, snapshotsPerPost, now, workspaceId } = options
  const newest = now.getTime() - (snapshotsPerPost > 90 ? 45 : 10) * DAY
  const rand = random(20261202)
  const client = new pg.Client({ connectionString: options.databaseUrl })
  await client.connect()
  try {
    const days = new Map<string, Sums>()
    const hours = new Map<string, Sums>()
    const sum = (map: Map<string, Sums>, key: string) =>
      map.get(key) ?? map.set(key, zero()).get(key)!
    const plan = Array.from({ length: posts }, (_, i) => {
      const account = accounts[i % accounts.length]!
      const publishedAt = newest - Math.floor(rand() * HISTORY_MS)
      const failed = rand() < 0.03
      return {
        group: randomUUID(),
        id: randomUUID(),
        account,
        failed,
        publishedAt,
        // Lateness 0.2–3 s, a long tail now and then.
        scheduledAt: publishedAt - Math.floor(200 + rand() ** 4 * 2_800),
        audience: Math.floor(200 + rand() ** 3 * 50_000),
        latest: null as
          (MetricCounts & { engagements: number; audience: number; collectedAt: string }) | null,
      }
    })

    let snapshots = 0
    function* snapshotRows() {
      for (const post of plan) {
        if (post.failed) continue
        const gives = GIVES[post.account.platform] ?? FIELDS
        const hour = new Date(Math.floor(post.publishedAt / 3_600_000) * 3_600_000).toISOString()
        let previous: Sums = zero()
        let at = post.publishedAt + 60_000
        for (let k = 0; k < snapshotsPerPost; k++) {
          // Growth that saturates: most of a post's audience comes in its first day.
          const share = 1 - Math.exp(-(at - post.publishedAt) / (8 * 3_600_000))
          const counts: MetricCounts = {}
          for (const f of gives) counts[f] = Math.floor(post.audience * SCALE[f] * share)
          const current: Sums = {
            ...zero(),
            ...counts,
            engagements: engagementsOf(counts),
            audience: audienceOf(counts),
          } as Sums
          const day = sum(days, `${post.account.id}|${new Date(at).toISOString().slice(0, 10)}`)
          const hourSums = sum(hours, `${post.account.id}|${hour}`)
          for (const key of Object.keys(current) as (keyof Sums)[])
            if (key !== 'posts') day[key] += current[key] - previous[key]
          hourSums.engagements += current.engagements - previous.engagements
          hourSums.audience += current.audience - previous.audience
          if (k === 0) {
            day.posts++
            hourSums.posts++
          }
          previous = current
          post.latest = {
            ...counts,
            engagements: current.engagements,
            audience: current.audience,
            collectedAt: new Date(at).toISOString(),
          }
          snapshots++
          yield `${post.id}\t${new Date(at).toISOString()}\t${FIELDS.map((f) => counts[f] ?? '\\N').join('\t')}\n`
          at = nextMetricsSync(new Date(post.publishedAt), new Date(at), SCHEDULE)!.getTime()
        }
      }
    }

    await client.query(
      `ALTER TABLE social_posts DROP CONSTRAINT IF EXISTS social_posts_group_id_fkey`,
    )
    await copy(
      client,
      `COPY post_groups (id, workspace_id, content, scheduled_at, time_zone, status, updated_at) FROM STDIN WITH (FORMAT csv)`,
      (function* () {
        for (const p of plan)
          yield `${p.group},${workspaceId},${csv(JSON.stringify({ text: `Post ${p.id.slice(0, 8)}` }))},${new Date(p.scheduledAt).toISOString()},UTC,${p.failed ? 'failed' : 'published'},${new Date(now).toISOString()}\n`
      })(),
    )
    // Snapshots before posts: the generator fills each post's latest figures as it goes.
    await client.query(
      `ALTER TABLE metric_snapshots DROP CONSTRAINT IF EXISTS metric_snapshots_post_id_fkey`,
    )
    await client.query(
      `ALTER TABLE metric_snapshots DROP CONSTRAINT IF EXISTS metric_snapshots_pkey`,
    )
    await client.query(`DROP INDEX IF EXISTS metric_snapshots_post_id_collected_at_key`)
    await copy(
      client,
      `COPY metric_snapshots (post_id, collected_at, ${FIELDS.join(', ')}) FROM STDIN`,
      snapshotRows(),
    )
    await copy(
      client,
      `COPY social_posts (id, group_id, account_id, status, content, scheduled_at, external_id, published_at, last_error, engagement_metrics, metrics_engagements, metrics_stopped_at, metrics_stop_reason, updated_at) FROM STDIN WITH (FORMAT csv)`,
      (function* () {
        for (const p of plan) {
          const aged = now.getTime() - p.publishedAt > DEFAULT_METRICS_SCHEDULE.maxAgeMs
          yield [
            p.id,
            p.group,
            p.account.id,
            p.failed ? 'FAILED' : 'PUBLISHED',
            csv(JSON.stringify({ text: `Post ${p.id.slice(0, 8)}` })),
            new Date(p.scheduledAt).toISOString(),
            p.failed ? null : csv(`ext-${p.id}`),
            p.failed ? null : new Date(p.publishedAt).toISOString(),
            p.failed ? csv('The platform refused the post.') : null,
            p.latest ? csv(JSON.stringify(p.latest)) : null,
            p.latest ? p.latest.engagements : null,
            !p.failed && aged ? new Date(now).toISOString() : null,
            !p.failed && aged ? 'aged' : null,
            new Date(now).toISOString(),
          ]
            .map((v) => (v === null ? '' : v))
            .join(',')
            .concat('\n')
        }
      })(),
    )
    const platformOf = new Map(accounts.map((a) => [a.id, a.platform]))
    await copy(
      client,
      `COPY metric_daily_rollups (account_id, day, workspace_id, platform, ${FIELDS.join(', ')}, engagements, audience, posts) FROM STDIN`,
      (function* () {
        for (const [key, s] of days) {
          const [account, day] = key.split('|')
          yield `${account}\t${day}\t${workspaceId}\t${platformOf.get(account!)}\t${FIELDS.map((f) => s[f]).join('\t')}\t${s.engagements}\t${s.audience}\t${s.posts}\n`
        }
      })(),
    )
    await copy(
      client,
      `COPY metric_publish_hour_rollups (account_id, hour, workspace_id, platform, posts, engagements, audience) FROM STDIN`,
      (function* () {
        for (const [key, s] of hours) {
          const [account, hour] = key.split('|')
          yield `${account}\t${hour}\t${workspaceId}\t${platformOf.get(account!)}\t${s.posts}\t${s.engagements}\t${s.audience}\n`
        }
      })(),
    )
    // Constraints back as the migrations define them, built once over the loaded rows.
    await client.query(`SET maintenance_work_mem = '512MB'`)
    await client.query(
      `ALTER TABLE metric_snapshots ADD CONSTRAINT metric_snapshots_pkey PRIMARY KEY (id)`,
    )
    await client.query(
      `CREATE UNIQUE INDEX metric_snapshots_post_id_collected_at_key ON metric_snapshots (post_id, collected_at)`,
    )
    await client.query(
      `ALTER TABLE metric_snapshots ADD CONSTRAINT metric_snapshots_post_id_fkey FOREIGN KEY (post_id) REFERENCES social_posts(id) ON DELETE CASCADE ON UPDATE CASCADE`,
    )
    await client.query(
      `ALTER TABLE social_posts ADD CONSTRAINT social_posts_group_id_fkey FOREIGN KEY (group_id) REFERENCES post_groups(id) ON DELETE CASCADE ON UPDATE CASCADE`,
    )
    await client.query('VACUUM ANALYZE')
    return { snapshots }
  } finally {
    await client.end()
  }
}
