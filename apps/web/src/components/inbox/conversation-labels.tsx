'use client'

import { toast } from 'sonner'
import { useLabels, useSetLabels } from '@/lib/queries/labels'
import { toastError } from '@/lib/toast-error'
import { LabelInput } from './label-input'

/** A conversation's labels, saved as they change, with the workspace's labels in use suggested. */
export function ConversationLabels({ id, labels }: { id: string; labels: string[] }) {
  const inUse = useLabels()
  const set = useSetLabels()
  const save = (next: string[], done: string) =>
    set.mutate(
      { id, labels: next },
      {
        onSuccess: () => toast.success(done),
        onError: (error) => toastError('Labels not changed', error),
      },
    )
  return (
    <LabelInput
      labels={labels}
      suggestions={inUse.data?.map((l) => l.label) ?? []}
      disabled={set.isPending}
      onAdd={(label) => save([...labels, label], `Label “${label}” added.`)}
      onRemove={(label) =>
        save(
          labels.filter((l) => l !== label),
          `Label “${label}” removed.`,
        )
      }
    />
  )
}
