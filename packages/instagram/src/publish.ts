import {
  ProviderError,
  type AccountAuth,
  type FindPublishedInput,
  type MediaItem,
  type PostDraft,
  type PublishCheckpoint,
  type PublishInput,
  type PublishResult,
} from '@statex/core'
import { nextCursor } from '@statex/graph'
import type { InstagramClient } from './client.js'

/** Containers not published within 24 hours expire (status_code EXPIRED) and cannot be reused. */
export const CONTAINER_LIFETIME_MS = 24 * 3600_000
/** Meta suggests asking a container's status about once a minute. */
export const STATUS_POLL_MS = 60_000

export type InstagramKind = 'FEED' | 'REELS' | 'STORIES' | 'CAROUSEL'

/** What `getPublishStatus` needs to finish, or re-create, a container: its id and the parameters it was made from. */
interface Checkpoint {
  v: 1
  containerId: string
  createdAt: number
  kind: InstagramKind
  params: Record<string, unknown>
  /** Carousel items' parameters, to re-create them with the parent. */
  children?: Record<string, unknown>[]
  caption?: string
}

function readCheckpoint(value: PublishCheckpoint | undefined): Checkpoint | undefined {
  const c = value as Partial<Checkpoint> | undefined
  return c?.v === 1 && typeof c.containerId === 'string' && c.params ? (c as Checkpoint) : undefined
}

export function kindOf(post: PostDraft): InstagramKind {
  const media = post.media ?? []
  const asked = post.options?.instagram?.kind
  if (asked === 'STORIES' || asked === 'REELS') return asked
  if (media.length > 1) return 'CAROUSEL'
  // A single video on the feed is published as a reel (Meta, since July 2023).
  return media[0]?.type === 'video' ? 'REELS' : 'FEED'
}

const source = (item: MediaItem) =>
  item.type === 'video' ? { video_url: item.url } : { image_url: item.url }
const alt = (item: MediaItem) =>
  item.altText && item.type === 'image' ? { alt_text: item.altText } : {}

/** The container parameters for a post, exactly as `POST /{ig-user-id}/media` takes them. */
export function containerParams(post: PostDraft): {
  kind: InstagramKind
  params: Record<string, unknown>
  children?: Record<string, unknown>[]
} {
  const media = post.media ?? []
  const kind = kindOf(post)
  const caption = post.text.trim() ? { caption: post.text } : {}
  const first = media[0]!
  switch (kind) {
    case 'STORIES':
      return { kind, params: { media_type: 'STORIES', ...source(first) } }
    case 'REELS': {
      const share = post.options?.instagram?.shareToFeed
      return {
        kind,
        params: {
          media_type: 'REELS',
          ...source(first),
          ...caption,
          ...(share !== undefined ? { share_to_feed: share } : {}),
        },
      }
    }
    case 'CAROUSEL':
      return {
        kind,
        params: { media_type: 'CAROUSEL', ...caption },
        children: media.map((item) => ({
          is_carousel_item: true,
          ...(item.type === 'video' ? { media_type: 'VIDEO' } : {}),
          ...source(item),
          ...alt(item),
        })),
      }
    case 'FEED':
      return { kind, params: { ...source(first), ...caption, ...alt(first) } }
  }
}

/**
 * The daily quota first (a spent quota fails before any container exists), then the container —
 * and, for a carousel, its items first.
 */
async function createContainer(
  client: InstagramClient,
  account: AccountAuth,
  spec: ReturnType<typeof containerParams>,
  signal?: AbortSignal,
): Promise<Checkpoint> {
  const userId = account.externalAccountId
  let params = spec.params
  if (spec.children) {
    const ids: string[] = []
    for (const child of spec.children)
      ids.push((await client.createContainer(userId, child, signal)).id)
    params = { ...params, children: ids.join(',') }
  }
  const { id } = await client.createContainer(userId, params, signal)
  return {
    v: 1,
    containerId: id,
    createdAt: Date.now(),
    kind: spec.kind,
    params: spec.params,
    ...(spec.children ? { children: spec.children } : {}),
    ...(typeof spec.params.caption === 'string' ? { caption: spec.params.caption } : {}),
  }
}

async function checkQuota(client: InstagramClient, account: AccountAuth, signal?: AbortSignal) {
  const limit = (await client.publishingLimit(account.externalAccountId, signal)).data[0]!
  const total = limit.config?.quota_total
  if (total !== undefined && limit.quota_usage >= total) {
    throw new ProviderError({
      kind: 'invalid_request',
      platform: 'instagram',
      message: `Instagram allows ${total} posts published through the API per 24 hours, and this account has used ${limit.quota_usage}. Nothing was sent; publish again once older posts leave the 24-hour window.`,
    })
  }
}

const pending = (checkpoint: Checkpoint): PublishResult => ({
  status: 'pending',
  checkpoint: checkpoint as unknown as PublishCheckpoint,
  retryAfterMs: STATUS_POLL_MS,
})

/** media_publish, then the permalink. Once media_publish answered, nothing may throw: the post exists. */
async function publishContainer(
  client: InstagramClient,
  account: AccountAuth,
  checkpoint: Checkpoint,
  signal?: AbortSignal,
): Promise<PublishResult> {
  const { id } = await client.publishContainer(
    account.externalAccountId,
    checkpoint.containerId,
    signal,
  )
  try {
    const media = await client.media(id, signal)
    return {
      status: 'published',
      externalId: id,
      ...(media.permalink ? { url: media.permalink } : {}),
      publishedAt: new Date(media.timestamp),
    }
  } catch {
    return { status: 'published', externalId: id, publishedAt: new Date() }
  }
}

/** Looks at the container once: publishes it when FINISHED, re-creates it when EXPIRED, else says pending. */
async function advance(
  client: InstagramClient,
  account: AccountAuth,
  checkpoint: Checkpoint,
  signal?: AbortSignal,
): Promise<PublishResult> {
  let current = checkpoint
  if (Date.now() - current.createdAt >= CONTAINER_LIFETIME_MS)
    current = await recreate(client, account, current, signal)
  const status = await client.containerStatus(current.containerId, signal)
  switch (status.status_code) {
    case 'FINISHED':
      return publishContainer(client, account, current, signal)
    case 'IN_PROGRESS':
      return pending(current)
    case 'EXPIRED': {
      const fresh = await recreate(client, account, current, signal)
      const again = await client.containerStatus(fresh.containerId, signal)
      return again.status_code === 'FINISHED'
        ? publishContainer(client, account, fresh, signal)
        : pending(fresh)
    }
    case 'PUBLISHED': {
      // An earlier media_publish reached Instagram but its answer was lost: find the post.
      const found = current.caption
        ? await findByCaption(
            client,
            account,
            current.caption,
            new Date(current.createdAt - 60_000),
            signal,
          )
        : null
      if (found) return found
      throw new ProviderError({
        kind: 'transient',
        platform: 'instagram',
        outcome: 'unknown',
        message:
          'The container was already published, but the post could not be found among the account\u2019s recent media; check the account before publishing again.',
      })
    }
    case 'ERROR':
      throw new ProviderError({
        kind: 'invalid_request',
        platform: 'instagram',
        message: `Instagram could not process the media (${status.status ?? 'ERROR'}): check the format, size and aspect ratio, and that the URL is public.`,
        ...(status.status ? { platformMessage: status.status } : {}),
      })
  }
}

/** An expired container is re-created from the same parameters, never reused. */
function recreate(
  client: InstagramClient,
  account: AccountAuth,
  checkpoint: Checkpoint,
  signal?: AbortSignal,
) {
  return createContainer(
    client,
    account,
    {
      kind: checkpoint.kind,
      params: checkpoint.params,
      ...(checkpoint.children ? { children: checkpoint.children } : {}),
    },
    signal,
  )
}

/**
 * Publishes through a media container: the quota, the container, one look at its status —
 * images are usually FINISHED at once and published in the same call; video is `pending` with a
 * checkpoint for `getPublishStatus`. The adapter never waits or sleeps.
 */
export async function publishToInstagram(
  client: InstagramClient,
  input: PublishInput,
): Promise<PublishResult> {
  const resumed = readCheckpoint(input.resumeFrom)
  if (resumed) return advance(client, input.account, resumed, input.signal)
  await checkQuota(client, input.account, input.signal)
  const checkpoint = await createContainer(
    client,
    input.account,
    containerParams(input.post),
    input.signal,
  )
  return advance(client, input.account, checkpoint, input.signal)
}

export async function publishStatus(
  client: InstagramClient,
  input: { account: AccountAuth; checkpoint: PublishCheckpoint; signal?: AbortSignal },
): Promise<PublishResult> {
  const checkpoint = readCheckpoint(input.checkpoint)
  if (!checkpoint)
    throw new ProviderError({
      kind: 'invalid_request',
      platform: 'instagram',
      message: 'The checkpoint is not one this adapter gave out.',
    })
  return advance(client, input.account, checkpoint, input.signal)
}

const normalise = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()

async function findByCaption(
  client: InstagramClient,
  account: AccountAuth,
  caption: string,
  after: Date,
  signal?: AbortSignal,
): Promise<PublishResult | null> {
  const wanted = normalise(caption)
  let cursor: string | undefined
  for (let page = 0; page < 4; page++) {
    const list = await client.recentMedia(
      account.externalAccountId,
      {
        limit: 25,
        since: Math.floor(after.getTime() / 1000),
        ...(cursor ? { after: cursor } : {}),
      },
      signal,
    )
    const match = list.data.find((m) => normalise(m.caption) === wanted)
    if (match)
      return {
        status: 'published',
        externalId: match.id,
        ...(match.permalink ? { url: match.permalink } : {}),
        publishedAt: new Date(match.timestamp),
      }
    cursor = nextCursor(list.paging)
    if (!cursor) return null
  }
  throw new ProviderError({
    kind: 'transient',
    platform: 'instagram',
    message:
      'The account has more than 100 posts since the attempt; check it by hand before publishing again.',
  })
}

/**
 * By content: the account's media created after `after` whose caption is the post's text. Stories
 * and posts without a caption cannot be recognised this way, so they say so instead of guessing.
 */
export function findOnInstagram(
  client: InstagramClient,
  input: FindPublishedInput,
): Promise<PublishResult | null> {
  if (!normalise(input.post.text) || kindOf(input.post) === 'STORIES')
    throw new ProviderError({
      kind: 'invalid_request',
      platform: 'instagram',
      message:
        'A story or a post without a caption cannot be recognised among the account\u2019s media; check the account before publishing again.',
    })
  return findByCaption(client, input.account, input.post.text, input.after, input.signal)
}
