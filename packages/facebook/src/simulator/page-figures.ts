import { parameterError } from '@statex/graph/testing'
import type { SimResponse } from '@statex/testkit/simulator'
import { engagementOf, type Page, type Post } from './state.js'

// The Page-level reads: `GET /{page-id}?fields=followers_count,fan_count` and
// `GET /{page-id}/insights?metric=…&period=day`.
// @see https://developers.facebook.com/docs/platforminsights/page

// `page_impressions*` and `page_fans` are gone from every version (2025-06-15 / 2025-11-15) and
// answer an invalid-metric error, as Graph does.
// @see https://developers.facebook.com/docs/platforminsights/page/deprecated-metrics
const PAGE_INSIGHTS: Record<
  string,
  { title: string; value: (page: Page, posts: readonly Post[], now: number) => number }
> = {
  page_media_view: {
    title: 'Views',
    value: (_page, posts, now) => posts.reduce((sum, p) => sum + engagementOf(p, now).views, 0),
  },
  page_total_media_view_unique: {
    title: 'Viewers',
    value: (_page, posts, now) => posts.reduce((sum, p) => sum + engagementOf(p, now).reach, 0),
  },
  page_follows: { title: 'Follows', value: (page) => page.followers },
}

export function pageInsightsAnswer(input: {
  page: Page
  posts: readonly Post[]
  query: URLSearchParams
  now: number
}): SimResponse {
  const names = (input.query.get('metric') ?? '').split(',').filter(Boolean)
  const unknown = names.find((n) => !PAGE_INSIGHTS[n])
  if (!names.length || unknown)
    return parameterError(
      `The value must be a valid insights metric${unknown ? `: ${unknown}` : ''}`,
    )
  const period = input.query.get('period') ?? 'day'
  if (period !== 'day' && period !== 'week' && period !== 'days_28')
    return parameterError('(#100) Invalid period for the metric.')
  // Graph answers the last two periods, each ending at the next midnight (Pacific time; UTC here).
  const today = Math.floor(input.now / 86_400_000) * 86_400_000
  const endTime = (at: number) => new Date(at).toISOString().replace('.000Z', '+0000')
  return {
    status: 200,
    body: {
      data: names.map((name) => {
        const metric = PAGE_INSIGHTS[name]!
        const value = metric.value(input.page, input.posts, input.now)
        return {
          name,
          period,
          values: [
            { value: Math.floor(value / 2), end_time: endTime(today) },
            { value, end_time: endTime(today + 86_400_000) },
          ],
          title: `Daily ${metric.title}`,
          description: `Daily: ${metric.title}`,
          id: `${input.page.id}/insights/${name}/${period}`,
        }
      }),
    },
  }
}

/** The Page with the fields asked for. */
export function pageOut(page: Page, fields: string): Record<string, unknown> {
  const out: Record<string, unknown> = { id: page.id, name: page.name }
  const asked = fields.split(',')
  if (asked.includes('followers_count')) out.followers_count = page.followers
  // Likes of the Page: a classic-Pages figure Graph still returns; here the same people.
  if (asked.includes('fan_count')) out.fan_count = page.followers
  return out
}
