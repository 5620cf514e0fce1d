/** Graph's lifetime insights answer for one object (a post, a media), shared by the Meta simulators. */
import type { SimResponse } from '@statex/testkit/simulator'

/** One metric as the product labels it. */
export interface LifetimeMetric {
  value: number
  title: string
  description: string
}

/**
 * `GET /<object>/insights?metric=…` answered with one lifetime value per asked metric, in the
 * order asked, each with Graph's `<object>/insights/<metric>/lifetime` id.
 */
export function lifetimeInsights(
  objectId: string,
  names: readonly string[],
  metric: (name: string) => LifetimeMetric,
): SimResponse {
  return {
    status: 200,
    body: {
      data: names.map((name) => {
        const { value, title, description } = metric(name)
        return {
          name,
          period: 'lifetime',
          values: [{ value }],
          title,
          description,
          id: `${objectId}/insights/${name}/lifetime`,
        }
      }),
    },
  }
}

/** The metric names of an insights request (`metric=a,b`), empties dropped. */
export const metricNames = (query: URLSearchParams) =>
  (query.get('metric') ?? '').split(',').filter(Boolean)
