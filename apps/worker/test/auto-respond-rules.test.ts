import type { AutoRespondRule } from '@statex/db'
import { describe, expect, it } from 'vitest'
import { decideByRule, inQuietHours } from '../src/inbox/auto-respond-rules.js'

const rule = (extra: Partial<AutoRespondRule> = {}): AutoRespondRule => ({
  id: 'r',
  workspaceId: 'w',
  accountId: null,
  mode: 'auto',
  types: [],
  keywords: [],
  quietStart: null,
  quietEnd: null,
  hourlyCap: 5,
  ...extra,
})
const comment = { type: 'COMMENT' as const, text: 'What is the price?' }
const at = (iso: string) => new Date(iso)

describe('auto-respond rules', () => {
  it('keeps quiet hours in the workspace zone, across midnight', () => {
    const night = { quietStart: '22:00', quietEnd: '07:00' }
    // 21:30 UTC is 22:30 in Prague (winter, UTC+1): quiet there, not in UTC.
    expect(inQuietHours(night, at('2030-01-10T21:30:00Z'), 'Europe/Prague')).toBe(true)
    expect(inQuietHours(night, at('2030-01-10T21:30:00Z'), 'UTC')).toBe(false)
    expect(inQuietHours(night, at('2030-01-10T05:59:00Z'), 'Europe/Prague')).toBe(true)
    expect(inQuietHours(night, at('2030-01-10T06:00:00Z'), 'Europe/Prague')).toBe(false)
    expect(
      inQuietHours({ quietStart: '12:00', quietEnd: '13:00' }, at('2030-01-10T12:30:00Z'), 'UTC'),
    ).toBe(true)
  })

  it('answers only its types and keywords, and turns auto into a draft in quiet hours or over the cap', () => {
    const base = { now: at('2030-01-10T12:00:00Z'), timeZone: 'UTC', autoRepliesLastHour: 0 }
    expect(decideByRule({ ...base, rule: null, interaction: comment })).toMatchObject({
      action: 'none',
    })
    expect(
      decideByRule({ ...base, rule: rule({ mode: 'off' }), interaction: comment }).action,
    ).toBe('none')
    expect(
      decideByRule({ ...base, rule: rule({ types: ['MESSAGE'] }), interaction: comment }).action,
    ).toBe('none')
    expect(
      decideByRule({ ...base, rule: rule({ keywords: ['shipping'] }), interaction: comment })
        .action,
    ).toBe('none')
    expect(
      decideByRule({ ...base, rule: rule({ keywords: ['price'] }), interaction: comment }).action,
    ).toBe('auto')
    expect(
      decideByRule({ ...base, rule: rule({ mode: 'suggest' }), interaction: comment }).action,
    ).toBe('suggest')
    expect(
      decideByRule({
        ...base,
        rule: rule({ quietStart: '11:00', quietEnd: '13:00' }),
        interaction: comment,
      }).action,
    ).toBe('suggest')
    expect(
      decideByRule({ ...base, autoRepliesLastHour: 5, rule: rule(), interaction: comment }).action,
    ).toBe('suggest')
    // Likes never get an answer by default.
    expect(
      decideByRule({ ...base, rule: rule(), interaction: { type: 'LIKE', text: null } }).action,
    ).toBe('none')
  })
})
