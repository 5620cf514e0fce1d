import {
  CONTENT_RULES,
  ProviderError,
  composeText,
  type AccountAuth,
  type MediaItem,
  type PostDraft,
  type PublishCheckpoint,
  type PublishResult,
} from '@statex/core'
import { withPublishProgress, type FetchFn } from '@statex/core/adapter'
import type { TweetCreateRequest, XClient } from './client.js'
import { processingState, uploadMedia } from './media.js'

/**
 * What `ProviderError.progress`, `resumeFrom` and a pending result's checkpoint hold. It carries
 * the post itself, because `getPublishStatus` gets only the checkpoint.
 */
export interface XCheckpoint {
  twitter: 1
  account: string
  post: PostDraft
  /** Ids of the posts already created, one per thread part, in order. */
  tweets: string[]
  /** Media ids uploaded per part index (media ids stay usable for 24 hours). */
  media: Record<string, string[]>
  /** A video or GIF X is still processing: the part waits for it. */
  processing?: { part: number; mediaId: string }
}

interface Part {
  text: string
  media: MediaItem[]
  poll?: PostDraft['poll']
  first: boolean
}

export function readCheckpoint(
  value: PublishCheckpoint | undefined,
  account: AccountAuth,
): XCheckpoint | undefined {
  if (!value || value.twitter !== 1 || value.account !== account.externalAccountId) return undefined
  if (!Array.isArray(value.tweets) || typeof value.post !== 'object') return undefined
  return value as unknown as XCheckpoint
}

/** `https://x.com/i/web/status/<id>` opens a post without knowing the account's handle. */
export const tweetUrl = (id: string) => `https://x.com/i/web/status/${id}`

function partsOf(post: PostDraft): Part[] {
  return [
    {
      text: composeText(post.text ?? '', post.link, CONTENT_RULES.twitter),
      media: post.media ?? [],
      poll: post.poll,
      first: true,
    },
    ...(post.thread ?? []).map((p) => ({ text: p.text, media: p.media ?? [], first: false })),
  ]
}

function requestFor(
  part: Part,
  post: PostDraft,
  mediaIds: string[],
  replyTo: string | undefined,
): TweetCreateRequest {
  const options = post.options?.twitter
  return {
    ...(part.text ? { text: part.text } : {}),
    ...(mediaIds.length ? { media: { media_ids: mediaIds } } : {}),
    ...(part.poll
      ? { poll: { options: part.poll.options, duration_minutes: part.poll.durationMinutes } }
      : {}),
    ...(part.first && options?.quoteTweetId ? { quote_tweet_id: options.quoteTweetId } : {}),
    ...(replyTo ? { reply: { in_reply_to_tweet_id: replyTo } } : {}),
    ...(options?.replySettings ? { reply_settings: options.replySettings } : {}),
  }
}

const pending = (checkpoint: XCheckpoint, seconds: number | undefined): PublishResult => ({
  status: 'pending',
  checkpoint: checkpoint as unknown as PublishCheckpoint,
  retryAfterMs: Math.max(1, seconds ?? 5) * 1000,
})

function mediaFailed(mediaId: string): ProviderError {
  return new ProviderError({
    kind: 'invalid_request',
    platform: 'twitter',
    platformCode: 'media_processing_failed',
    message: `X could not process the uploaded media ${mediaId}; check its format (MP4 H.264/AAC video, GIF under 15 MB) and publish again.`,
  })
}

/**
 * Publishes a post and its thread as a reply chain, uploading each part's media first. Exactly
 * once: a failure after k parts carries a checkpoint of those parts as `progress`, and
 * `resumeFrom` (or `getPublishStatus` with a pending checkpoint) continues after them. While X
 * processes a video or GIF the result is `pending`, never a sleep.
 */
export async function publishFrom(
  client: XClient,
  fetchFn: FetchFn,
  checkpoint: XCheckpoint,
  signal?: AbortSignal,
): Promise<PublishResult> {
  const post = checkpoint.post
  const parts = partsOf(post)
  try {
    if (checkpoint.processing) {
      const status = await client.mediaStatus(checkpoint.processing.mediaId, signal)
      const state = processingState(status.data)
      if (state === 'failed') throw mediaFailed(checkpoint.processing.mediaId)
      if (state === 'processing')
        return pending(checkpoint, status.data.processing_info?.check_after_secs)
      delete checkpoint.processing
    }
    for (let index = checkpoint.tweets.length; index < parts.length; index++) {
      const part = parts[index]!
      const uploaded = (checkpoint.media[index] ??= [])
      for (let m = uploaded.length; m < part.media.length; m++) {
        const upload = await uploadMedia(client, fetchFn, part.media[m]!, signal)
        uploaded.push(upload.id)
        const state = processingState(upload)
        if (state === 'failed') throw mediaFailed(upload.id)
        if (state === 'processing') {
          checkpoint.processing = { part: index, mediaId: upload.id }
          return pending(checkpoint, upload.processing_info?.check_after_secs)
        }
      }
      const created = await client.createTweet(
        requestFor(part, post, uploaded, checkpoint.tweets[index - 1]),
        signal,
      )
      checkpoint.tweets.push(created.data.id)
    }
  } catch (error) {
    throw withPublishProgress(
      error,
      checkpoint as unknown as PublishCheckpoint,
      checkpoint.tweets.length,
    )
  }
  const [first, ...rest] = checkpoint.tweets
  return {
    status: 'published',
    externalId: first!,
    url: tweetUrl(first!),
    publishedAt: new Date(),
    ...(rest.length ? { partIds: [...checkpoint.tweets] } : {}),
  }
}

/** A fresh checkpoint for `post`, or the one an earlier attempt left (`resumeFrom`). */
export function startCheckpoint(
  account: AccountAuth,
  post: PostDraft,
  resumeFrom: PublishCheckpoint | undefined,
): XCheckpoint {
  const resumed = readCheckpoint(resumeFrom, account)
  if (resumed)
    return {
      ...resumed,
      post,
      tweets: [...resumed.tweets],
      media: Object.fromEntries(Object.entries(resumed.media ?? {}).map(([k, v]) => [k, [...v]])),
    }
  return { twitter: 1, account: account.externalAccountId, post, tweets: [], media: {} }
}
