import type { AccountMetrics, PostMetrics } from '@statex/core'
import type { LinkedInClient } from './client.js'

/** Share statistics take many posts per call; 20 keeps the URL well under LinkedIn's limits. */
const POSTS_PER_CALL = 20

/**
 * Organization posts: `organizationalEntityShareStatistics` (impressions, unique impressions,
 * clicks, likes, comments, shares). Member posts: `socialActions` gives likes and comments only;
 * LinkedIn's member post analytics are not open to ordinary apps, so the other fields stay empty.
 */
export async function fetchPostMetrics(
  client: LinkedInClient,
  input: { author: string; externalIds: string[]; signal?: AbortSignal },
): Promise<PostMetrics[]> {
  const ids = [...new Set(input.externalIds)]
  const out: PostMetrics[] = []
  if (input.author.startsWith('urn:li:organization:')) {
    for (let i = 0; i < ids.length; i += POSTS_PER_CALL) {
      const batch = ids.slice(i, i + POSTS_PER_CALL)
      const answer = await client.shareStatistics(input.author, batch, input.signal)
      const collectedAt = new Date()
      for (const element of answer.elements) {
        const s = element.totalShareStatistics
        out.push({
          externalId: element.share ?? element.ugcPost ?? '',
          collectedAt,
          ...(s.impressionCount !== undefined ? { impressions: s.impressionCount } : {}),
          ...(s.uniqueImpressionsCount !== undefined ? { reach: s.uniqueImpressionsCount } : {}),
          ...(s.clickCount !== undefined ? { clicks: s.clickCount } : {}),
          ...(s.likeCount !== undefined ? { likes: s.likeCount } : {}),
          ...(s.commentCount !== undefined ? { comments: s.commentCount } : {}),
          ...(s.shareCount !== undefined ? { shares: s.shareCount } : {}),
          raw: element,
        })
      }
    }
    return out
  }
  for (const id of ids) {
    const answer = await client.socialActions(id, input.signal)
    out.push({
      externalId: id,
      collectedAt: new Date(),
      likes: answer.likesSummary?.totalLikes ?? 0,
      comments: answer.commentsSummary?.aggregatedTotalComments ?? 0,
      raw: answer,
    })
  }
  return out
}

/**
 * Followers of an organization page (`networkSizes`, `firstDegreeSize`). A member's own follower
 * and connection counts are not open to ordinary apps: a member account gets no figures.
 */
export async function fetchAuthorFigures(
  client: LinkedInClient,
  input: { author: string; signal?: AbortSignal },
): Promise<AccountMetrics> {
  if (!input.author.startsWith('urn:li:organization:'))
    return { collectedAt: new Date(), raw: null }
  const answer = await client.organizationFollowers(input.author, input.signal)
  return { collectedAt: new Date(), followers: answer.firstDegreeSize, raw: answer }
}
