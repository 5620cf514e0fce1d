'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useId, useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
// zod/mini: the same schemas at a fraction of the browser bundle (tree-shakable checks).
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { ConfirmButton } from '@/components/ui/confirm-button'
import { Field, Input, Select } from '@/components/ui/field'
import { ROLES, useApiKeys, useCreateApiKey, useRevokeApiKey } from '@/lib/queries/settings'
import { formatInstant } from '@/lib/time'
import { toastError } from '@/lib/toast-error'
import { Listed } from './listed'
import { Section, ShownOnce } from './section'

const schema = z.object({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Name the key after what uses it, e.g. "CMS".'),
      z.maxLength(100, 'At most 100 characters.'),
    ),
  role: z.enum(['viewer', 'editor', 'owner']),
})

export function ApiKeysSection() {
  const ids = useId()
  const keys = useApiKeys()
  const create = useCreateApiKey()
  const revoke = useRevokeApiKey()
  const [created, setCreated] = useState<string | null>(null)
  const form = useForm<z.infer<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', role: 'editor' },
  })
  const onCreate = form.handleSubmit(async (values) => {
    try {
      const answer = await create.mutateAsync(values)
      setCreated(answer.key)
      form.reset()
    } catch (error) {
      form.setError('root', { message: error instanceof Error ? error.message : String(error) })
    }
  })
  return (
    <Section
      id={`${ids}-keys`}
      title="API keys"
      lead="For scripts and integrations: everything the dashboard does, the API does with a key."
    >
      <Listed query={keys} loading="Loading keys…" empty="No keys yet.">
        {(items) => (
          <ul className="mb-4">
            {items.map((k) => (
              <li
                key={k.id}
                className="flex flex-wrap items-center justify-between gap-2 border-t border-border py-2 first:border-t-0"
              >
                <span>
                  <strong>{k.name}</strong> <code>{k.prefix}…</code>{' '}
                  <span className="text-sm text-muted">
                    {k.role}, created {formatInstant(k.createdAt)}
                    {k.lastUsedAt ? `, last used ${formatInstant(k.lastUsedAt)}` : ', never used'}
                  </span>
                </span>
                <ConfirmButton
                  size="sm"
                  variant="danger"
                  title={`Revoke ${k.name}?`}
                  description="Anything using this key stops working at once."
                  confirmLabel="Revoke"
                  onConfirm={() =>
                    revoke.mutate(k.id, {
                      onSuccess: () => toast.success('Key revoked.'),
                      onError: (e) => toastError('Not revoked', e),
                    })
                  }
                >
                  Revoke
                </ConfirmButton>
              </li>
            ))}
          </ul>
        )}
      </Listed>
      <form
        onSubmit={(e) => void onCreate(e)}
        noValidate
        className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end"
      >
        <Field id={`${ids}-name`} label="New key name" error={form.formState.errors.name?.message}>
          <Input
            id={`${ids}-name`}
            aria-invalid={form.formState.errors.name ? true : undefined}
            {...form.register('name')}
          />
        </Field>
        <Field id={`${ids}-role`} label="Role">
          <Select id={`${ids}-role`} {...form.register('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          Create key
        </Button>
        {form.formState.errors.root && (
          <p role="alert" className="text-sm text-danger sm:col-span-3">
            {form.formState.errors.root.message}
          </p>
        )}
      </form>
      {created && <ShownOnce label="Your new API key" value={created} />}
    </Section>
  )
}
