/**
 * `GET /{ig-media-id}/insights` with the metric names Instagram accepts today.
 * @see https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights
 */
import { lifetimeInsights, metricNames, parameterError } from '@statex/graph/testing'
import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import { insightsOf, type Media } from './state.js'
import { commentCount, type IgStore } from './store.js'

const VALID_METRICS = [
  'reach',
  'likes',
  'comments',
  'saved',
  'shares',
  'views',
  'total_interactions',
] as const
// Deprecated in 2025 for media created after July 2024 (replaced by `views`).
const DEPRECATED_METRICS = new Set(['impressions', 'plays', 'video_views', 'clips_replays_count'])

export function mediaInsights(store: IgStore, item: Media, request: RecordedRequest): SimResponse {
  const names = metricNames(request.query)
  const bad = names.find((n) => !(VALID_METRICS as readonly string[]).includes(n))
  if (!names.length || bad)
    return parameterError(
      `${bad && DEPRECATED_METRICS.has(bad) ? `${bad} is no longer supported; ` : ''}metric[0] must be one of the following values: ${VALID_METRICS.join(', ')}`,
    )
  const values = insightsOf(item, commentCount(store, item.id), store.now())
  return lifetimeInsights(item.id, names, (name) => ({
    value: values[name as keyof typeof values],
    title: name,
    description: name,
  }))
}
