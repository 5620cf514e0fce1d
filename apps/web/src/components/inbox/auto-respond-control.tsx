'use client'

import { useId } from 'react'
import { toast } from 'sonner'
import { Select } from '@/components/ui/field'
import {
  type AutoRespondMode,
  type AutoRespondRule,
  useSetWorkspaceRule,
  useWorkspaceRule,
} from '@/lib/queries/inbox'
import { toastError } from '@/lib/toast-error'

/** The API's defaults for a rule that does not exist yet. */
const NEW_RULE: AutoRespondRule = {
  accountId: null,
  mode: 'off',
  types: [],
  keywords: [],
  quietStart: null,
  quietEnd: null,
  hourlyCap: 20,
}

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
 * rule's types, keywords, quiet hours and hourly cap are sent back as they are (per-account rules
 * and those fields are set through PUT /v1/inbox/rules).
 */
export function AutoRespondControl() {
  const id = useId()
  const rule = useWorkspaceRule()
  const set = useSetWorkspaceRule()
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
            { ...(rule.data ?? NEW_RULE), mode: next.value },
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
