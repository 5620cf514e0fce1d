/**
 * The posts-page bench's generator: a workspace's year of posts as the posts page lists them,
 * 1–3 targets each on different accounts, streamed into PostgreSQL with COPY. Targets due later
 * are SCHEDULED; earlier ones PUBLISHED (with the platform's id and URL), FAILED (with the reason
 * the adapters give) or UNKNOWN (no answer); each group's status is core's deriveGroupStatus of
 * its targets, as the engine would have left it.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { deriveGroupStatus, type Platform, type PostStatus } from '../packages/core/src/index.js'
import { copy, csv, random } from './copy-rows.js'

export interface PostsSeedOptions {
  databaseUrl: string
  workspaceId: string
  userId: string
  accounts: { id: string; platform: Platform }[]
  posts: number
  now: Date
}

/** The word the bench's search looks for: in about 2 % of the posts' texts. */
export const SEARCH_WORD = 'webinar'

const DAY = 86_400_000
const TOPICS = ['launch', 'hiring', 'roadmap', 'customer story', 'release notes', 'meetup', 'tips']
const WORDS =
  'our team shipped new faster simpler dashboard today thanks everyone who tried beta feedback week ahead join us read more link below'.split(
    ' ',
  )
const REASONS = [
  'The platform refused the post: the text is longer than it allows.',
  'The account needs to be reconnected: its access was revoked.',
  'The image could not be fetched (HTTP 404).',
  'Rate limited by the platform; retries ran out.',
]
const URLS: Record<string, (id: string) => string> = {
  twitter: (id) => `https://x.com/statex/status/${id}`,
  linkedin: (id) => `https://www.linkedin.com/feed/update/urn:li:share:${id}`,
  facebook: (id) => `https://www.facebook.com/${id}`,
  instagram: (id) => `https://www.instagram.com/p/${id}/`,
  telegram: (id) => `https://t.me/statex/${id}`,
}

const iso = (ms: number) => new Date(ms).toISOString()

export async function seedPosts(options: PostsSeedOptions): Promise<{ targets: number }> {
  const { accounts, posts, now, workspaceId } = options
  const rand = random(20261203)
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!
  const text = () => {
    const words = Array.from({ length: 12 + Math.floor(rand() * 30) }, () => pick(WORDS))
    if (rand() < 0.02) words.splice(Math.floor(rand() * words.length), 0, SEARCH_WORD)
    return `${pick(TOPICS)}: ${words.join(' ')} #statex`
  }
  // Oldest first, ~one post every 50 minutes over the last year; the newest are still due.
  const span = 365 * DAY
  const groups = Array.from({ length: posts }, (_, i) => {
    const createdAt = now.getTime() - span + Math.floor(((i + rand()) / posts) * span)
    const scheduledAt = createdAt + Math.floor(3_600_000 + rand() * 14 * DAY)
    // 1–3 different accounts, consecutive from a random one.
    const first = Math.floor(rand() * accounts.length)
    const chosen = Array.from(
      { length: 1 + Math.floor(rand() * 3) },
      (_, j) => accounts[(first + j) % accounts.length]!,
    )
    const targets = chosen.map((account) => {
      const roll = rand()
      const status: PostStatus =
        scheduledAt > now.getTime()
          ? 'SCHEDULED'
          : roll < 0.85
            ? 'PUBLISHED'
            : roll < 0.97
              ? 'FAILED'
              : 'UNKNOWN'
      return { id: randomUUID(), account, status }
    })
    return { id: randomUUID(), createdAt, scheduledAt, text: text(), targets }
  })

  const client = new pg.Client({ connectionString: options.databaseUrl })
  await client.connect()
  try {
    await copy(
      client,
      `COPY post_groups (id, workspace_id, created_by_user_id, content, scheduled_at, time_zone, status, created_at, updated_at) FROM STDIN WITH (FORMAT csv)`,
      (function* () {
        for (const g of groups)
          yield `${g.id},${workspaceId},${options.userId},${csv(JSON.stringify({ text: g.text }))},${iso(g.scheduledAt)},Europe/Prague,${deriveGroupStatus(g.targets.map((t) => t.status))},${iso(g.createdAt)},${iso(g.createdAt)}\n`
      })(),
    )
    let targets = 0
    await copy(
      client,
      `COPY social_posts (id, group_id, account_id, status, content, scheduled_at, external_id, url, published_at, last_error, created_at, updated_at) FROM STDIN WITH (FORMAT csv)`,
      (function* () {
        for (const g of groups)
          for (const t of g.targets) {
            targets++
            const published = t.status === 'PUBLISHED'
            const externalId = published ? String(1_800_000_000_000 + targets) : null
            const lastError =
              t.status === 'FAILED'
                ? pick(REASONS)
                : t.status === 'UNKNOWN'
                  ? 'The platform did not answer in time; the post may be live.'
                  : null
            yield [
              t.id,
              g.id,
              t.account.id,
              t.status,
              csv(JSON.stringify({ text: g.text })),
              iso(g.scheduledAt),
              externalId,
              externalId ? csv(URLS[t.account.platform]!(externalId)) : null,
              published ? iso(g.scheduledAt + 1_500) : null,
              lastError === null ? null : csv(lastError),
              iso(g.createdAt),
              iso(Math.min(g.scheduledAt, now.getTime())),
            ]
              .map((v) => (v === null ? '' : v))
              .join(',')
              .concat('\n')
          }
      })(),
    )
    await client.query('VACUUM ANALYZE')
    return { targets }
  } finally {
    await client.end()
  }
}
