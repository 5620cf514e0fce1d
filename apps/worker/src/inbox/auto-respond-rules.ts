import { toLocal, type InteractionType } from '@statex/core'
import type { AutoRespondRule, InboxItem } from '@statex/db'

const DEFAULT_TYPES: readonly InteractionType[] = ['COMMENT', 'MENTION', 'MESSAGE']

/** What the rule says about one interaction, before any model call. */
export type RuleDecision =
  { action: 'none'; reason: string } | { action: 'suggest' } | { action: 'auto' }

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** True inside [start, end) in `timeZone`; a window past midnight (22:00–07:00) wraps. */
export function inQuietHours(
  rule: Pick<AutoRespondRule, 'quietStart' | 'quietEnd'>,
  at: Date,
  timeZone: string,
): boolean {
  if (!rule.quietStart || !rule.quietEnd) return false
  const local = toLocal(at, timeZone)
  const now = local.hour * 60 + local.minute
  const start = minutes(rule.quietStart)
  const end = minutes(rule.quietEnd)
  return start <= end ? now >= start && now < end : now >= start || now < end
}

/**
 * Whether and how a rule answers an interaction: its type and keywords first (no draft at all
 * when they do not match), then what only limits sending automatically — quiet hours in the
 * workspace's zone and the hourly cap — which turn `auto` into a waiting draft. Complaints and
 * negative messages are decided by the caller after triage.
 */
export function decideByRule(input: {
  rule: AutoRespondRule | null
  interaction: Pick<InboxItem, 'type' | 'text'>
  now: Date
  timeZone: string
  autoRepliesLastHour: number
}): RuleDecision {
  const { rule, interaction } = input
  if (!rule || rule.mode === 'off') return { action: 'none', reason: 'auto-respond is off' }
  const types = rule.types.length ? rule.types : DEFAULT_TYPES
  if (!types.includes(interaction.type))
    return { action: 'none', reason: `the rule does not answer ${interaction.type}` }
  const text = (interaction.text ?? '').toLowerCase()
  if (rule.keywords.length && !rule.keywords.some((k) => text.includes(k)))
    return { action: 'none', reason: 'no keyword of the rule appears' }
  if (rule.mode === 'suggest') return { action: 'suggest' }
  if (inQuietHours(rule, input.now, input.timeZone)) return { action: 'suggest' }
  if (input.autoRepliesLastHour >= rule.hourlyCap) return { action: 'suggest' }
  return { action: 'auto' }
}
