'use client'

import type { Platform } from '@statex/core'
import { useId } from 'react'
import { Field, Input, Select } from '@/components/ui/field'
import { PLATFORM_LABELS } from '@/lib/platforms'

export const PRESETS = [7, 30, 90] as const
export type RangeChoice =
  { kind: 'preset'; days: (typeof PRESETS)[number] } | { kind: 'custom'; from: string; to: string }

const DAY_MS = 86_400_000
const isoDay = (at: Date) => at.toISOString().slice(0, 10)

/** The API's `[startDate, endDate)` of a choice; a custom range includes its last day. */
export function rangeOf(choice: RangeChoice, now = Date.now()) {
  if (choice.kind === 'custom')
    return {
      startDate: new Date(`${choice.from}T00:00:00Z`).toISOString(),
      endDate: new Date(Date.parse(`${choice.to}T00:00:00Z`) + DAY_MS).toISOString(),
    }
  // Whole minutes, so the query key (and the cache) stays put between renders.
  const end = new Date(Math.ceil(now / 60_000) * 60_000)
  return {
    startDate: new Date(end.getTime() - choice.days * DAY_MS).toISOString(),
    endDate: end.toISOString(),
  }
}

/** What is wrong with a custom range, said so it can be fixed; null when it is fine. */
export function customRangeProblem(from: string, to: string): string | null {
  if (!from || !to) return 'Choose both a first and a last day.'
  if (from > to) return 'The first day must not be after the last day.'
  if (Date.parse(to) - Date.parse(from) > 365 * DAY_MS)
    return 'A period is at most 366 days; choose a shorter one.'
  return null
}

export function RangePicker(props: {
  choice: RangeChoice
  onChoice: (choice: RangeChoice) => void
  platform: Platform | ''
  onPlatform: (platform: Platform | '') => void
  platforms: readonly Platform[]
  problem: string | null
}) {
  const ids = useId()
  const { choice } = props
  const today = isoDay(new Date())
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Field id={`${ids}-period`} label="Period">
        <Select
          id={`${ids}-period`}
          value={choice.kind === 'custom' ? 'custom' : String(choice.days)}
          onChange={(e) => {
            const value = e.target.value
            if (value === 'custom')
              props.onChoice({
                kind: 'custom',
                from: isoDay(new Date(Date.now() - 29 * DAY_MS)),
                to: today,
              })
            else props.onChoice({ kind: 'preset', days: Number(value) as (typeof PRESETS)[number] })
          }}
        >
          {PRESETS.map((d) => (
            <option key={d} value={d}>
              Last {d} days
            </option>
          ))}
          <option value="custom">Custom dates…</option>
        </Select>
      </Field>
      {choice.kind === 'custom' && (
        <>
          <Field id={`${ids}-from`} label="First day">
            <Input
              id={`${ids}-from`}
              type="date"
              value={choice.from}
              max={today}
              aria-invalid={props.problem ? true : undefined}
              aria-describedby={props.problem ? `${ids}-problem` : undefined}
              onChange={(e) => props.onChoice({ ...choice, from: e.target.value })}
            />
          </Field>
          <Field id={`${ids}-to`} label="Last day">
            <Input
              id={`${ids}-to`}
              type="date"
              value={choice.to}
              aria-invalid={props.problem ? true : undefined}
              aria-describedby={props.problem ? `${ids}-problem` : undefined}
              onChange={(e) => props.onChoice({ ...choice, to: e.target.value })}
            />
          </Field>
        </>
      )}
      <Field id={`${ids}-platform`} label="Platform">
        <Select
          id={`${ids}-platform`}
          value={props.platform}
          onChange={(e) => props.onPlatform(e.target.value as Platform | '')}
        >
          <option value="">All platforms</option>
          {props.platforms.map((p) => (
            <option key={p} value={p}>
              {PLATFORM_LABELS[p]}
            </option>
          ))}
        </Select>
      </Field>
      {props.problem && (
        <p
          id={`${ids}-problem`}
          role="alert"
          className="basis-full text-sm font-medium text-danger"
        >
          {props.problem}
        </p>
      )}
    </div>
  )
}
