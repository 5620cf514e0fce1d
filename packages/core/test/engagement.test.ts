import { describe, expect, it } from 'vitest'
import {
  DEFAULT_METRICS_SCHEDULE,
  audienceOf,
  engagementRate,
  engagementsOf,
  nextMetricsSync,
} from '../src/index.js'

const H = 3_600_000

describe('engagement', () => {
  it('counts likes, comments, shares, saves and clicks, not views', () => {
    expect(
      engagementsOf({ likes: 3, comments: 2, shares: 1, saves: 4, clicks: 5, views: 99 }),
    ).toBe(15)
    expect(engagementsOf({ likes: null, comments: 2 })).toBe(2)
  })

  it('takes the rate over impressions, else views, else reach; null without an audience', () => {
    expect(audienceOf({ impressions: 200, views: 50, reach: 10 })).toBe(200)
    expect(audienceOf({ views: 50, reach: 10 })).toBe(50)
    expect(audienceOf({ reach: 10 })).toBe(10)
    expect(engagementRate({ engagements: 5, audience: 200 })).toBe(0.025)
    expect(engagementRate({ engagements: 5, audience: 0 })).toBeNull()
  })
})

describe('nextMetricsSync', () => {
  const published = new Date('2026-01-01T00:00:00Z')
  const at = (ms: number) => new Date(published.getTime() + ms)

  it('decays from every 15 minutes to hourly to daily', () => {
    expect(nextMetricsSync(published, at(H))!.getTime() - at(H).getTime()).toBe(15 * 60_000)
    expect(nextMetricsSync(published, at(7 * H))!.getTime() - at(7 * H).getTime()).toBe(H)
    expect(nextMetricsSync(published, at(50 * H))!.getTime() - at(50 * H).getTime()).toBe(24 * H)
  })

  it('ends at the configured age, with a last fetch at that age', () => {
    const max = DEFAULT_METRICS_SCHEDULE.maxAgeMs
    expect(nextMetricsSync(published, at(max - H))).toEqual(at(max))
    expect(nextMetricsSync(published, at(max))).toBeNull()
    expect(
      nextMetricsSync(published, at(3 * H), { ...DEFAULT_METRICS_SCHEDULE, maxAgeMs: 2 * H }),
    ).toBeNull()
  })
})
