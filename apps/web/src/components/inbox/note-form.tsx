'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useId } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
// zod/mini: the API's check (1–4,000 characters after trimming) at a fraction of the bundle.
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { Field, Textarea } from '@/components/ui/field'
import { useAddNote } from '@/lib/queries/notes'

const schema = z.object({
  text: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Write the note first.'),
      z.maxLength(4000, 'A note has at most 4,000 characters.'),
    ),
})
type Values = z.infer<typeof schema>

/** An internal note on a conversation: for the team, never sent to the platform. */
export function NoteForm({
  conversationId,
  platform,
}: {
  conversationId: string
  platform: string
}) {
  const ids = useId()
  const add = useAddNote()
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { text: '' } })
  const error = form.formState.errors.text?.message ?? form.formState.errors.root?.message
  const onSubmit = form.handleSubmit(async ({ text }) => {
    try {
      await add.mutateAsync({ conversationId, text })
      form.reset({ text: '' })
      toast.success('Note added. Only your team sees it.')
    } catch (e) {
      form.setError('root', {
        message: `Note not added: ${e instanceof Error ? e.message : String(e)}`,
      })
    }
  })
  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      className="flex flex-col gap-2 rounded-md border border-dashed border-warn bg-warn-bg p-3"
      aria-label="Add an internal note"
    >
      <Field
        id={`${ids}-note`}
        label="Internal note"
        hint={`Only your team sees notes; they are never sent to ${platform}.`}
        error={error}
      >
        <Textarea
          id={`${ids}-note`}
          className="min-h-20"
          aria-describedby={`${ids}-note-hint${error ? ` ${ids}-note-error` : ''}`}
          aria-invalid={error ? true : undefined}
          {...form.register('text')}
        />
      </Field>
      <div>
        <Button size="sm" type="submit" disabled={form.formState.isSubmitting}>
          Add internal note
        </Button>
      </div>
    </form>
  )
}
