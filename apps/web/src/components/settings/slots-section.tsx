'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useId } from 'react'
import { useFieldArray, useForm } from 'react-hook-form'
import { toast } from 'sonner'
// zod/mini: the same schemas at a fraction of the browser bundle (tree-shakable checks).
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/empty-state'
import { Field, Input, Select } from '@/components/ui/field'
import { SkeletonList } from '@/components/ui/skeleton'
import { useSaveSlots, useSlots } from '@/lib/queries/settings'
import { isTimeZone, userTimeZone } from '@/lib/time'
import { Section } from './section'

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

// The API's rules for PUT /v1/workspace/slots, checked before sending.
const schema = z.object({
  timeZone: z
    .string()
    .check(z.trim(), z.refine(isTimeZone, 'Use an IANA time zone such as Europe/Prague.')),
  slots: z
    .array(
      z.object({
        weekday: z.coerce.number().check(z.int(), z.gte(1), z.lte(7)),
        time: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 09:30.')),
      }),
    )
    .check(z.maxLength(336)),
})
type Values = z.input<typeof schema>

export function SlotsSection({ canEdit }: { canEdit: boolean }) {
  const ids = useId()
  const slots = useSlots()
  const save = useSaveSlots()
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { timeZone: '', slots: [] },
  })
  const rows = useFieldArray({ control: form.control, name: 'slots' })
  const { reset } = form
  useEffect(() => {
    if (slots.data)
      reset({ timeZone: slots.data.timeZone || userTimeZone(), slots: slots.data.slots })
  }, [slots.data, reset])

  const onSave = form.handleSubmit(async (values) => {
    const parsed = schema.parse(values)
    try {
      await save.mutateAsync(parsed)
      toast.success('Posting slots saved.')
    } catch (error) {
      form.setError('root', { message: error instanceof Error ? error.message : String(error) })
    }
  })
  const errors = form.formState.errors

  return (
    <Section
      id={`${ids}-slots`}
      title="Posting slots and time zone"
      lead={
        '"Next free slot" in the composer picks the first of these times free on every chosen account.'
      }
    >
      {slots.isPending ? (
        <SkeletonList rows={1} label="Loading slots…" />
      ) : slots.isError ? (
        <ErrorState error={slots.error} onRetry={() => void slots.refetch()} />
      ) : (
        <form onSubmit={(e) => void onSave(e)} noValidate className="flex flex-col gap-3">
          <Field
            id={`${ids}-zone`}
            label="Workspace time zone"
            error={errors.timeZone?.message}
            className="max-w-xs"
          >
            <Input
              id={`${ids}-zone`}
              disabled={!canEdit}
              aria-invalid={errors.timeZone ? true : undefined}
              {...form.register('timeZone')}
            />
          </Field>
          {rows.fields.length === 0 && (
            <p className="text-sm text-muted">No slots yet: add the times you like to post at.</p>
          )}
          <ul className="flex flex-col gap-2">
            {rows.fields.map((row, i) => (
              <li key={row.id} className="flex flex-wrap items-end gap-2">
                <Field id={`${ids}-day-${i}`} label={`Slot ${i + 1} day`}>
                  <Select
                    id={`${ids}-day-${i}`}
                    disabled={!canEdit}
                    {...form.register(`slots.${i}.weekday`)}
                  >
                    {WEEKDAYS.map((d, n) => (
                      <option key={d} value={n + 1}>
                        {d}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field
                  id={`${ids}-time-${i}`}
                  label="Time"
                  error={errors.slots?.[i]?.time?.message}
                >
                  <Input
                    id={`${ids}-time-${i}`}
                    type="time"
                    disabled={!canEdit}
                    {...form.register(`slots.${i}.time`)}
                  />
                </Field>
                {canEdit && (
                  <Button variant="quiet" onClick={() => rows.remove(i)}>
                    Remove<span className="sr-only"> slot {i + 1}</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
          {errors.root && (
            <p role="alert" className="text-sm text-danger">
              {errors.root.message}
            </p>
          )}
          {canEdit && (
            <div className="flex flex-wrap gap-2">
              <Button size="sm" onClick={() => rows.append({ weekday: 1, time: '09:00' })}>
                Add slot
              </Button>
              <Button
                size="sm"
                type="submit"
                variant="primary"
                disabled={form.formState.isSubmitting}
              >
                Save slots
              </Button>
            </div>
          )}
        </form>
      )}
    </Section>
  )
}
