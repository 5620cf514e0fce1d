import type { UseFormRegister } from 'react-hook-form'
import { Input, Label } from '@/components/ui/field'
import type { ComposerValues, ScheduleChoice } from './composer-values'

export type ScheduleLabels = Partial<Record<ScheduleChoice, { option: string; submit: string }>>

/** A new post's choices, in the order shown (an edit has its own: edit-schedule.ts). */
export const SCHEDULE_LABELS: ScheduleLabels = {
  at: { option: 'At a date and time', submit: 'Schedule' },
  'next-slot': { option: 'In the next free posting slot', submit: 'Schedule in next slot' },
  now: { option: 'Publish now', submit: 'Publish now' },
  draft: { option: 'Save as draft', submit: 'Save draft' },
}

/** When the post goes out; the date and time only for "at", in the person's zone. */
export function ScheduleControls({
  id,
  schedule,
  timeZone,
  register,
  labels = SCHEDULE_LABELS,
}: {
  id: string
  schedule: ScheduleChoice
  /** The choices offered, in order, with their wording. */
  labels?: ScheduleLabels
  timeZone: string
  register: UseFormRegister<ComposerValues>
}) {
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 text-sm font-semibold">When</legend>
      <div className="flex flex-col gap-1.5">
        {Object.entries(labels).map(([choice, label]) => (
          <label key={choice} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              value={choice}
              className="size-4 accent-accent"
              {...register('schedule')}
            />
            {label.option}
          </label>
        ))}
      </div>
      {schedule === 'at' && (
        <div className="mt-2 max-w-xs">
          <Label htmlFor={`${id}-at`}>Date and time ({timeZone})</Label>
          <Input id={`${id}-at`} type="datetime-local" step={1} {...register('at')} />
        </div>
      )}
    </fieldset>
  )
}
