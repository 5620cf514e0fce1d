'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useId } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
import { z } from 'zod/mini'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { ConfirmButton } from '@/components/ui/confirm-button'
import { Field, Input, Select, Textarea } from '@/components/ui/field'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { useAccounts } from '@/lib/queries/accounts'
import { useCreateFeed, useDeleteFeed, useFeeds, useSetFeedActive } from '@/lib/queries/feeds'
import { formatInstant } from '@/lib/time'
import { toastError } from '@/lib/toast-error'
import { Listed } from './listed'
import { Section } from './section'

const schema = z.object({
  url: z.url({
    protocol: /^https?$/,
    error: 'Enter the full address of an RSS or Atom feed, e.g. https://example.com/feed.xml.',
  }),
  accountIds: z.array(z.string()).check(z.minLength(1, 'Choose at least one account.')),
  mode: z.enum(['draft', 'next_slot']),
  template: z.string(),
})

/** RSS and Atom feeds whose new items become drafts or take the next free slots. */
export function FeedsSection({ canEdit }: { canEdit: boolean }) {
  const ids = useId()
  const feeds = useFeeds()
  const accounts = useAccounts()
  const create = useCreateFeed()
  const setActive = useSetFeedActive()
  const remove = useDeleteFeed()
  const names = new Map((accounts.data ?? []).map((a) => [a.id, a.displayName]))
  const form = useForm<z.infer<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { url: '', accountIds: [], mode: 'draft', template: '{title}\n\n{link}' },
  })
  const errors = form.formState.errors
  const onCreate = form.handleSubmit(async ({ template, ...values }) => {
    try {
      await create.mutateAsync({
        ...values,
        templates: template.trim() ? { default: template } : {},
        pollIntervalMinutes: 30,
      })
      toast.success('Feed added: it is read within a few minutes.')
      form.reset()
    } catch (error) {
      form.setError('root', { message: error instanceof Error ? error.message : String(error) })
    }
  })

  return (
    <Section
      id={`${ids}-feeds`}
      title="RSS and Atom feeds"
      lead="New items of a feed become posts, each item once, even after a restart."
    >
      <Listed query={feeds} loading="Loading feeds…" empty="No feeds yet.">
        {(items) => (
          <ul className="mb-4">
            {items.map((f) => (
              <li
                key={f.id}
                className="flex flex-wrap items-start justify-between gap-2 border-t border-border py-2 first:border-t-0"
              >
                <span className="min-w-0 break-all">
                  <strong>{f.url}</strong>{' '}
                  {f.active ? (
                    <Badge tone="ok">Active</Badge>
                  ) : (
                    <Badge tone={f.lastError ? 'danger' : 'neutral'}>
                      {f.lastError ? 'Stopped: keeps failing' : 'Paused'}
                    </Badge>
                  )}
                  <span className="block text-sm text-muted">
                    {f.mode === 'draft' ? 'Drafts' : 'Next free slots'} for{' '}
                    {f.accountIds.map((id) => names.get(id) ?? 'an account').join(', ')} · every{' '}
                    {f.pollIntervalMinutes} min ·{' '}
                    {f.lastPolledAt ? `read ${formatInstant(f.lastPolledAt)}` : 'not read yet'}
                  </span>
                  {f.lastError && (
                    <span className="block text-sm text-danger">
                      Last error ({f.consecutiveFailures}×): {f.lastError}
                    </span>
                  )}
                </span>
                {canEdit && (
                  <span className="flex gap-2">
                    <Button
                      size="sm"
                      disabled={setActive.isPending}
                      onClick={() =>
                        setActive.mutate(
                          { id: f.id, active: !f.active },
                          {
                            onSuccess: () =>
                              toast.success(f.active ? 'Feed paused.' : 'Feed resumed.'),
                            onError: (e) => toastError('Not changed', e),
                          },
                        )
                      }
                    >
                      {f.active ? 'Pause' : 'Resume'}
                    </Button>
                    <ConfirmButton
                      size="sm"
                      variant="danger"
                      title="Remove this feed?"
                      description="Posts it already made stay."
                      confirmLabel="Remove"
                      onConfirm={() =>
                        remove.mutate(f.id, {
                          onSuccess: () => toast.success('Feed removed.'),
                          onError: (e) => toastError('Not removed', e),
                        })
                      }
                    >
                      Remove
                    </ConfirmButton>
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Listed>
      {canEdit && (
        <form onSubmit={(e) => void onCreate(e)} noValidate className="flex flex-col gap-3">
          <Field id={`${ids}-url`} label="Feed URL" error={errors.url?.message}>
            <Input
              id={`${ids}-url`}
              type="url"
              aria-invalid={errors.url ? true : undefined}
              {...form.register('url')}
            />
          </Field>
          <fieldset>
            <legend className="mb-1 text-sm font-semibold">Post to</legend>
            {(accounts.data ?? []).length === 0 ? (
              <p className="text-sm text-muted">Connect an account first (Accounts page).</p>
            ) : (
              <div className="flex flex-wrap gap-x-4 gap-y-1">
                {(accounts.data ?? []).map((a) => (
                  <label key={a.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      value={a.id}
                      className="size-4 accent-accent"
                      {...form.register('accountIds')}
                    />
                    {a.displayName} ({PLATFORM_LABELS[a.platform]})
                  </label>
                ))}
              </div>
            )}
            {errors.accountIds && (
              <p role="alert" className="mt-1 text-sm text-danger">
                {errors.accountIds.message}
              </p>
            )}
          </fieldset>
          <Field id={`${ids}-mode`} label="New items">
            <Select id={`${ids}-mode`} {...form.register('mode')}>
              <option value="draft">Become drafts to review</option>
              <option value="next_slot">Go into the next free posting slots</option>
            </Select>
          </Field>
          <Field
            id={`${ids}-template`}
            label="Post text"
            hint="{title}, {link} and {summary} are filled from each item."
          >
            <Textarea
              id={`${ids}-template`}
              className="min-h-20 font-mono text-sm"
              aria-describedby={`${ids}-template-hint`}
              {...form.register('template')}
            />
          </Field>
          {errors.root && (
            <p role="alert" className="text-sm text-danger">
              {errors.root.message}
            </p>
          )}
          <div>
            <Button type="submit" disabled={form.formState.isSubmitting}>
              Add feed
            </Button>
          </div>
        </form>
      )}
    </Section>
  )
}
