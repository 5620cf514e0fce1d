'use client'

import { zodResolver } from '@hookform/resolvers/zod'
import { useId, useState } from 'react'
import { useForm } from 'react-hook-form'
import { toast } from 'sonner'
// zod/mini: the same schemas at a fraction of the browser bundle (tree-shakable checks).
import { z } from 'zod/mini'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/empty-state'
import { Field, Input, Select } from '@/components/ui/field'
import { SkeletonList } from '@/components/ui/skeleton'
import { ROLES, useChangeRole, useInvite, useMembers, type Role } from '@/lib/queries/settings'
import { toastError } from '@/lib/toast-error'
import { Section, ShownOnce } from './section'

const inviteSchema = z.object({
  email: z.email('Enter the email address of the person to invite.'),
  role: z.enum(['viewer', 'editor', 'owner']),
})

export function MembersSection({ canManage }: { canManage: boolean }) {
  const ids = useId()
  const members = useMembers()
  const changeRole = useChangeRole()
  const invite = useInvite()
  const [link, setLink] = useState<string | null>(null)
  const form = useForm<z.infer<typeof inviteSchema>>({
    resolver: zodResolver(inviteSchema),
    defaultValues: { email: '', role: 'editor' },
  })
  const onInvite = form.handleSubmit(async (values) => {
    try {
      const answer = await invite.mutateAsync(values)
      setLink(`${window.location.origin}/invite?token=${encodeURIComponent(answer.token)}`)
      form.reset()
      toast.success(`Invitation for ${answer.invitation.email} created.`)
    } catch (error) {
      form.setError('root', { message: error instanceof Error ? error.message : String(error) })
    }
  })

  return (
    <Section
      id={`${ids}-members`}
      title="Members"
      lead="Viewers read, editors write and schedule, owners also manage accounts, keys and members."
    >
      {members.isPending ? (
        <SkeletonList rows={1} label="Loading members…" />
      ) : members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <ul className="mb-4">
          {members.data.map((m) => (
            <li
              key={m.userId}
              className="flex flex-wrap items-center justify-between gap-2 border-t border-border py-2 first:border-t-0"
            >
              <span>
                <strong>{m.name ?? m.email}</strong>{' '}
                <span className="text-sm text-muted">{m.email}</span>
              </span>
              <label className="flex items-center gap-2 text-sm">
                <span className="sr-only">Role of {m.name ?? m.email}</span>
                <Select
                  className="w-32"
                  value={m.role}
                  disabled={!canManage || changeRole.isPending}
                  onChange={(e) =>
                    changeRole.mutate(
                      { userId: m.userId, role: e.target.value as Role },
                      {
                        onSuccess: () => toast.success('Role changed.'),
                        onError: (err) => toastError('Role not changed', err),
                      },
                    )
                  }
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </Select>
              </label>
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <form
          onSubmit={(e) => void onInvite(e)}
          noValidate
          className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end"
        >
          <Field
            id={`${ids}-email`}
            label="Invite by email"
            error={form.formState.errors.email?.message}
          >
            <Input
              id={`${ids}-email`}
              type="email"
              aria-invalid={form.formState.errors.email ? true : undefined}
              {...form.register('email')}
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
            Invite
          </Button>
          {form.formState.errors.root && (
            <p role="alert" className="text-sm text-danger sm:col-span-3">
              {form.formState.errors.root.message}
            </p>
          )}
        </form>
      )}
      {link && <ShownOnce label="Invitation link (works once, for 7 days)" value={link} />}
    </Section>
  )
}
