'use client'

import { useId } from 'react'
import { toast } from 'sonner'
import { Select } from '@/components/ui/field'
import {
  type AutoRespondMode,
  NEW_RULE,
  useSetRule,
  useWorkspaceRule,
} from '@/lib/queries/inbox-rules'
import { toastError } from '@/lib/toast-error'

const MODES: { value: AutoRespondMode; label: string; done: string }[] = [
  { value: 'off', label: 'Off', done: 'AI drafts are off.' },
  { value: 'suggest', label: 'Draft, I approve', done: 'New comments get an AI draft to approve.' },
  {
    value: 'auto',
    label: 'Answer automatically',
    done: 'Questions are answered automatically; complaints still wait for a person.',
  },
]

/**
 * The workspace's auto-respond mode, where the drafts appear. Only the mode changes here: the
 * rule's types, keywords, quiet hours and hourly cap are sent back as they are (they, and each
 * account's own rule, are set in Settings → AI replies).
 */
export function AutoRespondControl() {
  const id = useId()
  const rule = useWorkspaceRule()
  const set = useSetRule()
  const mode = rule.data?.mode ?? 'off'
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="font-semibold">
        AI replies
      </label>
      <Select
        id={id}
        className="w-auto"
        value={mode}
        disabled={rule.isPending || set.isPending}
        onChange={(e) => {
          const next = MODES.find((m) => m.value === e.target.value)!
          set.mutate(
            { ...(rule.data ?? { ...NEW_RULE, accountId: null }), mode: next.value },
            {
              onSuccess: () => toast.success(next.done),
              onError: (error) => toastError('Not changed', error),
            },
          )
        }}
      >
        {MODES.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </Select>
    </div>
  )
}
