import { parameterError } from '@statex/graph/testing'
import type { SimResponse } from '@statex/testkit/simulator'
import { insightsOf, type IgAccount, type Media } from './state.js'

// The account-level reads of an Instagram professional account: the profile counts
// (`followers_count`, `follows_count`, `media_count`) and `GET /{ig-user-id}/insights`.
// @see https://developers.facebook.com/docs/instagram-platform/api-reference/instagram-user/insights

// The account metrics this simulator knows; `impressions` went for every version on 2025-04-21.
const ACCOUNT_METRICS = ['reach', 'views', 'accounts_engaged', 'total_interactions'] as const
// Metrics Graph answers only as one total, and refuses without `metric_type=total_value`.
const TOTAL_VALUE_ONLY = new Set(['views', 'accounts_engaged', 'total_interactions'])

/** `GET /{ig-user-id}?fields=…`: the requested profile fields of the account. */
export function accountProfile(
  account: IgAccount,
  mediaCount: number,
  fields: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { id: account.id }
  for (const name of fields.split(',').map((f) => f.trim())) {
    if (name === 'username') out.username = account.username
    if (name === 'name') out.name = account.name
    if (name === 'followers_count') out.followers_count = account.followers
    if (name === 'follows_count') out.follows_count = account.follows
    if (name === 'media_count') out.media_count = mediaCount
  }
  if (!fields) {
    out.username = account.username
    out.name = account.name
  }
  return out
}

/** `GET /{ig-user-id}/insights?metric=…&period=day&metric_type=total_value`. */
export function accountInsights(input: {
  account: IgAccount
  media: readonly Media[]
  comments: (mediaId: string) => number
  query: URLSearchParams
  now: number
}): SimResponse {
  const names = (input.query.get('metric') ?? '').split(',').filter(Boolean)
  const bad = names.find((n) => !(ACCOUNT_METRICS as readonly string[]).includes(n))
  if (!names.length || bad)
    return parameterError(
      `${bad === 'impressions' ? 'impressions is no longer supported; ' : ''}metric[0] must be one of the following values: ${ACCOUNT_METRICS.join(', ')}`,
    )
  const period = input.query.get('period')
  if (period !== 'day')
    return parameterError('(#100) Incompatible metric and period: use period=day.')
  const totalValue = input.query.get('metric_type') === 'total_value'
  const needsTotal = names.find((n) => TOTAL_VALUE_ONLY.has(n))
  if (needsTotal && !totalValue)
    return parameterError(
      `(#100) The following metrics (${needsTotal}) should be specified with parameter metric_type=total_value`,
    )
  // The last day: media of the account, read as their lifetime figures over the last 24 hours.
  const day = input.media.filter((m) => m.createdAt > input.now - 86_400_000)
  const sums = { reach: 0, views: 0, accounts_engaged: 0, total_interactions: 0 }
  for (const m of day) {
    const v = insightsOf(m, input.comments(m.id), input.now)
    sums.reach += v.reach
    sums.views += v.views
    sums.total_interactions += v.total_interactions
    sums.accounts_engaged += Math.floor(v.total_interactions / 2)
  }
  const endTime = new Date(Math.floor(input.now / 86_400_000) * 86_400_000 + 86_400_000)
    .toISOString()
    .replace('.000Z', '+0000')
  return {
    status: 200,
    body: {
      data: names.map((name) => {
        const value = sums[name as keyof typeof sums]
        return {
          name,
          period: 'day',
          ...(totalValue ? { total_value: { value } } : { values: [{ value, end_time: endTime }] }),
          title: name,
          description: name,
          id: `${input.account.id}/insights/${name}/day`,
        }
      }),
    },
  }
}
