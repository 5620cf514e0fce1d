/**
 * `GET /{post-id}/insights` with the post metric names Graph accepts today.
 * @see https://developers.facebook.com/docs/graph-api/reference/post/insights
 */
import { lifetimeInsights, metricNames, parameterError } from '@statex/graph/testing'
import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import { engagementOf, type Post } from './state.js'

const INSIGHTS: Record<string, { title: string; value: (post: Post, now: number) => number }> = {
  post_media_view: { title: 'Views', value: (p, now) => engagementOf(p, now).views },
  post_total_media_view_unique: { title: 'Viewers', value: (p, now) => engagementOf(p, now).reach },
  post_clicks: { title: 'Post Clicks', value: (p, now) => engagementOf(p, now).clicks },
  post_reactions_like_total: {
    title: 'Like reactions',
    value: (p, now) => engagementOf(p, now).likes,
  },
}

export function postInsights(post: Post, request: RecordedRequest, now: number): SimResponse {
  const names = metricNames(request.query)
  const unknown = names.find((n) => !INSIGHTS[n])
  if (!names.length || unknown)
    return parameterError(
      `The value must be a valid insights metric${unknown ? `: ${unknown}` : ''}`,
    )
  return lifetimeInsights(post.id, names, (name) => ({
    value: INSIGHTS[name]!.value(post, now),
    title: `Lifetime ${INSIGHTS[name]!.title}`,
    description: `Lifetime: ${INSIGHTS[name]!.title}`,
  }))
}
