'use client'

import { useFormContext } from 'react-hook-form'
// zod/mini: the same checks as the API's, at a fraction of the browser bundle.
import { z } from 'zod/mini'
import { Field, Input, Select } from '@/components/ui/field'
import type { InteractionType } from '@/lib/queries/inbox'
import { type AutoRespondRule, NEW_RULE } from '@/lib/queries/inbox-rules'

const REPLYABLE: { type: InteractionType; label: string }[] = [
  { type: 'COMMENT', label: 'Comments' },
  { type: 'MENTION', label: 'Mentions' },
  { type: 'MESSAGE', label: 'Messages' },
]
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/

/** The fields of PUT /v1/inbox/rules as a form holds them (keywords comma-separated, times as text). */
export const ruleShape = {
  mode: z.enum(['off', 'suggest', 'auto']),
  types: z.array(z.enum(['COMMENT', 'LIKE', 'SHARE', 'MENTION', 'MESSAGE', 'REACTION'])),
  keywords: z.string(),
  quietStart: z.string().check(z.refine((v) => !v || HHMM.test(v), 'Use a time like 22:00.')),
  quietEnd: z.string().check(z.refine((v) => !v || HHMM.test(v), 'Use a time like 07:00.')),
  hourlyCap: z.coerce
    .number()
    .check(z.int('Use a whole number.'), z.gte(0, 'At least 0.'), z.lte(1000, 'At most 1,000.')),
}

/** The API refuses one end of the quiet hours without the other; say so on the second field. */
export const quietHoursTogether = z.refine<{ quietStart: string; quietEnd: string }>(
  (v) => !v.quietStart === !v.quietEnd,
  { message: 'Give both ends of the quiet hours, or neither.', path: ['quietEnd'] },
)

export const ruleSchema = z.object(ruleShape).check(quietHoursTogether)
export type RuleValues = z.input<typeof ruleSchema>

/** A stored rule (or none: the API's defaults) as form values. */
export function toRuleValues(rule: Omit<AutoRespondRule, 'accountId'> | null): RuleValues {
  const r = rule ?? NEW_RULE
  return {
    mode: r.mode,
    // An empty list means every replyable type to the API; the form shows them all ticked.
    types: (r.types.length ? r.types : REPLYABLE.map((t) => t.type)) as RuleValues['types'],
    keywords: r.keywords.join(', '),
    quietStart: r.quietStart ?? '',
    quietEnd: r.quietEnd ?? '',
    hourlyCap: r.hourlyCap,
  }
}

/** Checked form values as the body of PUT /v1/inbox/rules for the workspace (null) or an account. */
export function toRuleBody(values: RuleValues, accountId: string | null): AutoRespondRule {
  const v = ruleSchema.parse(values)
  return {
    accountId,
    mode: v.mode,
    types: v.types,
    keywords: v.keywords
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    quietStart: v.quietStart || null,
    quietEnd: v.quietEnd || null,
    hourlyCap: v.hourlyCap,
  }
}

/**
 * The rule's controls, read from the surrounding form's context: the workspace form (with the
 * brand voice beside them) and an account's dialog show the same fields with the same checks.
 */
export function RuleFields({ idPrefix }: { idPrefix: string }) {
  const { register, formState } = useFormContext<RuleValues>()
  const errors = formState.errors
  const id = (name: string) => `${idPrefix}-${name}`
  return (
    <>
      <Field id={id('mode')} label="New interactions">
        <Select id={id('mode')} {...register('mode')}>
          <option value="off">Wait for a person (no AI)</option>
          <option value="suggest">Draft a reply for a person to approve</option>
          <option value="auto">Reply at once</option>
        </Select>
      </Field>
      <Field
        id={id('cap')}
        label="Automatic replies per account per hour"
        error={errors.hourlyCap?.message}
      >
        <Input id={id('cap')} type="number" min={0} {...register('hourlyCap')} />
      </Field>
      <div className="flex flex-col gap-1">
        <span className="text-sm font-semibold" id={id('types')}>
          Reply to
        </span>
        <div role="group" aria-labelledby={id('types')} className="flex flex-wrap gap-3">
          {REPLYABLE.map(({ type, label }) => (
            <label key={type} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" value={type} {...register('types')} />
              {label}
            </label>
          ))}
        </div>
      </div>
      <Field
        id={id('keywords')}
        label="Only when the text has one of these words"
        hint="Comma-separated; empty answers everything."
      >
        <Input id={id('keywords')} {...register('keywords')} />
      </Field>
      <Field
        id={id('quiet-start')}
        label="Quiet hours from"
        hint="In the workspace's time zone; replies wait as drafts."
        error={errors.quietStart?.message}
      >
        <Input id={id('quiet-start')} type="time" {...register('quietStart')} />
      </Field>
      <Field id={id('quiet-end')} label="Quiet hours until" error={errors.quietEnd?.message}>
        <Input id={id('quiet-end')} type="time" {...register('quietEnd')} />
      </Field>
    </>
  )
}
