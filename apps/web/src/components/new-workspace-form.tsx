'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useId } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
// zod/mini: the same schemas at a fraction of the browser bundle (tree-shakable checks).
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { Field, Input } from '@/components/ui/field'
import { ApiCallError } from '@/lib/api'
import { useCreateWorkspace } from '@/lib/queries/workspaces'
import { isTimeZone, userTimeZone } from '@/lib/time'

// The API's rules for POST /v1/me/workspaces, checked before sending.
const schema = z.object({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Name the workspace, e.g. your client or brand.'),
      z.maxLength(100, 'Keep the name to 100 characters.'),
    ),
  timeZone: z
    .string()
    .check(z.trim(), z.refine(isTimeZone, 'Use an IANA time zone such as Europe/Prague.')),
})
type Values = z.infer<typeof schema>

/** The API's refusal on the field it names (`details[].path` like `body.timeZone`), else the form. */
function placeError(form: ReturnType<typeof useForm<Values>>, error: unknown) {
  const details =
    error instanceof ApiCallError && Array.isArray(error.details)
      ? (error.details as { path?: string; message?: string }[])
      : []
  for (const field of ['name', 'timeZone'] as const) {
    const detail = details.find((d) => d.path === `body.${field}`)
    if (detail) return form.setError(field, { message: detail.message ?? 'Check this value.' })
  }
  form.setError('root', { message: error instanceof Error ? error.message : String(error) })
}

/**
 * The "New workspace…" form: a workspace the person owns, with its posting slots in a zone (the
 * browser's by default); `onCreated` gets the new workspace's id.
 */
export function NewWorkspaceForm({ onCreated }: { onCreated: (id: string) => void }) {
  const ids = useId()
  const create = useCreateWorkspace()
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', timeZone: userTimeZone() },
  })
  const errors = form.formState.errors
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const workspace = await create.mutateAsync(values)
      toast.success(`Workspace “${workspace.name}” created; you are working in it now.`)
      onCreated(workspace.id)
    } catch (error) {
      placeError(form, error)
    }
  })
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex flex-col gap-3">
      <Field id={`${ids}-name`} label="Workspace name" error={errors.name?.message}>
        <Input
          id={`${ids}-name`}
          autoFocus
          maxLength={100}
          autoComplete="off"
          aria-invalid={errors.name ? true : undefined}
          {...form.register('name')}
        />
      </Field>
      <Field
        id={`${ids}-zone`}
        label="Time zone"
        hint="Its posting slots are in this zone; you can change it in Settings."
        error={errors.timeZone?.message}
      >
        <Input
          id={`${ids}-zone`}
          aria-invalid={errors.timeZone ? true : undefined}
          aria-describedby={
            errors.timeZone ? `${ids}-zone-error ${ids}-zone-hint` : `${ids}-zone-hint`
          }
          {...form.register('timeZone')}
        />
      </Field>
      {errors.root && (
        <p role="alert" className="text-sm text-danger">
          {errors.root.message}
        </p>
      )}
      <div>
        <Button type="submit" variant="primary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Creating…' : 'Create workspace'}
        </Button>
      </div>
    </form>
  )
}
