'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useId, useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
// zod/mini: the same schemas at a fraction of the browser bundle (tree-shakable checks).
import { z } from 'zod/mini'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { ConfirmButton } from '@/components/ui/confirm-button'
import { Field, Input } from '@/components/ui/field'
import {
  WEBHOOK_EVENTS,
  useCreateWebhook,
  useDeleteWebhook,
  useWebhooks,
} from '@/lib/queries/settings'
import { toastError } from '@/lib/toast-error'
import { Listed } from './listed'
import { Section, ShownOnce } from './section'
import { WebhookDeliveries } from './webhook-deliveries'

const schema = z.object({
  url: z.url({
    protocol: /^https?$/,
    error: 'Enter the full URL that should receive events, e.g. https://example.com/hooks/statex.',
  }),
  events: z.array(z.enum(WEBHOOK_EVENTS)).check(z.minLength(1, 'Choose at least one event.')),
})

export function WebhooksSection() {
  const ids = useId()
  const hooks = useWebhooks()
  const create = useCreateWebhook()
  const remove = useDeleteWebhook()
  const [secret, setSecret] = useState<string | null>(null)
  const form = useForm<z.infer<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { url: '', events: ['post.published', 'post.failed'] },
  })
  const errors = form.formState.errors
  const onCreate = form.handleSubmit(async (values) => {
    try {
      const answer = await create.mutateAsync(values)
      setSecret(answer.secret)
      form.reset()
    } catch (error) {
      form.setError('root', { message: error instanceof Error ? error.message : String(error) })
    }
  })
  return (
    <Section
      id={`${ids}-hooks`}
      title="Outgoing webhooks"
      lead="Signed HTTP calls to your systems when something happens."
    >
      <Listed query={hooks} loading="Loading webhooks…" empty="No endpoints yet.">
        {(items) => (
          <ul className="mb-4">
            {items.map((h) => (
              <li
                key={h.id}
                className="flex flex-wrap items-center justify-between gap-2 border-t border-border py-2 first:border-t-0"
              >
                <span className="min-w-0 break-all">
                  <strong>{h.url}</strong>{' '}
                  {h.active ? <Badge tone="ok">Active</Badge> : <Badge>Paused</Badge>}
                  <span className="block text-sm text-muted">{h.events.join(', ')}</span>
                </span>
                <ConfirmButton
                  size="sm"
                  variant="danger"
                  title="Remove this endpoint?"
                  description={h.url}
                  confirmLabel="Remove"
                  onConfirm={() =>
                    remove.mutate(h.id, {
                      onSuccess: () => toast.success('Endpoint removed.'),
                      onError: (e) => toastError('Not removed', e),
                    })
                  }
                >
                  Remove
                </ConfirmButton>
                <WebhookDeliveries endpointId={h.id} />
              </li>
            ))}
          </ul>
        )}
      </Listed>
      <form onSubmit={(e) => void onCreate(e)} noValidate className="flex flex-col gap-3">
        <Field id={`${ids}-url`} label="Endpoint URL" error={errors.url?.message}>
          <Input
            id={`${ids}-url`}
            type="url"
            aria-invalid={errors.url ? true : undefined}
            {...form.register('url')}
          />
        </Field>
        <fieldset>
          <legend className="mb-1 text-sm font-semibold">Events</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {WEBHOOK_EVENTS.map((event) => (
              <label key={event} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  value={event}
                  className="size-4 accent-accent"
                  {...form.register('events')}
                />
                <code>{event}</code>
              </label>
            ))}
          </div>
          {errors.events && (
            <p role="alert" className="mt-1 text-sm text-danger">
              {errors.events.message}
            </p>
          )}
        </fieldset>
        {errors.root && (
          <p role="alert" className="text-sm text-danger">
            {errors.root.message}
          </p>
        )}
        <div>
          <Button type="submit" disabled={form.formState.isSubmitting}>
            Add endpoint
          </Button>
        </div>
      </form>
      {secret && <ShownOnce label="Signing secret" value={secret} />}
    </Section>
  )
}
