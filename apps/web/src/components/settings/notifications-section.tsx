'use client'

import { useEffect, useId, useState } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { ErrorState } from '@/components/ui/empty-state'
import { SkeletonList } from '@/components/ui/skeleton'
import {
  useNotificationPreferences,
  useSaveNotificationPreferences,
  type NotificationKind,
  type NotificationPreferences,
} from '@/lib/queries/notifications'
import { Section } from './section'

const KINDS: { kind: NotificationKind; label: string; hint: string }[] = [
  {
    kind: 'post_failed',
    label: 'A post failed',
    hint: 'yours, or any post if you own the workspace',
  },
  {
    kind: 'post_unknown',
    label: 'A post needs a check',
    hint: 'the platform may have published it and cannot be asked',
  },
  {
    kind: 'account_reconnect',
    label: 'An account needs reconnecting',
    hint: 'a week before its authorization ends, and when it does (owners)',
  },
  { kind: 'approval_waiting', label: 'A post waits for my approval', hint: 'approvers only' },
  {
    kind: 'digest',
    label: 'Daily digest',
    hint: 'published, failed, waiting and new inbox items, each morning in the workspace’s zone',
  },
]

/** Which events reach the signed-in member, in the bell and by email; every member sets their own. */
export function NotificationsSection() {
  const ids = useId()
  const prefs = useNotificationPreferences()
  const save = useSaveNotificationPreferences()
  const [draft, setDraft] = useState<NotificationPreferences | null>(null)
  useEffect(() => {
    if (prefs.data) setDraft(prefs.data)
  }, [prefs.data])

  const toggle = (kind: NotificationKind, channel: 'inApp' | 'email', value: boolean) =>
    setDraft((d) => (d ? { ...d, [kind]: { ...d[kind], [channel]: value } } : d))

  const dirty = !!draft && !!prefs.data && JSON.stringify(draft) !== JSON.stringify(prefs.data)

  return (
    <Section
      id="notifications"
      title="Notifications"
      lead="What you are told about, in the bell at the top and by email. Your choice, for this workspace; email needs SMTP configured on the server."
    >
      {prefs.isPending || !draft ? (
        prefs.isError ? (
          <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} />
        ) : (
          <SkeletonList rows={1} label="Loading notification settings…" />
        )
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            save.mutate(draft, {
              onSuccess: () => toast.success('Notification settings saved.'),
              onError: (error) => toast.error(error.message),
            })
          }}
        >
          <table className="w-full text-sm">
            <caption className="sr-only">Notification channels per event</caption>
            <thead>
              <tr className="border-b border-border text-left">
                <th scope="col" className="py-2 font-semibold">
                  Event
                </th>
                <th scope="col" className="w-24 py-2 text-center font-semibold">
                  In the bell
                </th>
                <th scope="col" className="w-24 py-2 text-center font-semibold">
                  Email
                </th>
              </tr>
            </thead>
            <tbody>
              {KINDS.map(({ kind, label, hint }) => (
                <tr key={kind} className="border-b border-border last:border-0">
                  <th scope="row" className="py-2 pr-2 text-left font-normal">
                    <span id={`${ids}-${kind}`} className="block font-medium text-fg">
                      {label}
                    </span>
                    <span className="block text-xs text-muted">{hint}</span>
                  </th>
                  {(['inApp', 'email'] as const).map((channel) => (
                    <td key={channel} className="py-2 text-center">
                      <input
                        type="checkbox"
                        className="size-4 accent-[var(--accent)]"
                        aria-label={`${label}: ${channel === 'inApp' ? 'in the bell' : 'by email'}`}
                        checked={draft[kind][channel]}
                        onChange={(e) => toggle(kind, channel, e.target.checked)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="mt-3 flex items-center gap-2">
            <Button type="submit" variant="primary" disabled={!dirty || save.isPending}>
              {save.isPending ? 'Saving…' : 'Save notification settings'}
            </Button>
            {dirty && <span className="text-sm text-muted">Unsaved changes</span>}
          </div>
        </form>
      )}
    </Section>
  )
}
