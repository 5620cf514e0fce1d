'use client'

import type { Post } from '@statex/api-client'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { ConfirmButton } from '@/components/ui/confirm-button'
import { APPLIES, useBulkPostAction, type BulkAction } from '@/lib/queries/bulk-posts'

const VERB: Record<BulkAction, string> = {
  cancel: 'Unscheduled',
  retry: 'Retrying',
  delete: 'Deleted',
}

const plural = (n: number) => `${n} ${n === 1 ? 'post' : 'posts'}`

/** Actions on the selected posts; each button counts the posts it applies to. */
export function BulkBar({ selected, onDone }: { selected: readonly Post[]; onDone: () => void }) {
  const bulk = useBulkPostAction()
  const run = (action: BulkAction) => {
    const ids = selected.filter(APPLIES[action]).map((p) => p.id)
    bulk.mutate(
      { action, ids },
      {
        onSuccess: ({ done, refused }) => {
          const skipped = selected.length - ids.length
          const parts = [
            done.length ? `${VERB[action]} ${plural(done.length)}.` : '',
            skipped
              ? `${plural(skipped)} had nothing to ${action === 'delete' ? 'delete' : action}.`
              : '',
            refused.length ? `${plural(refused.length)} refused: ${refused[0]!.message}` : '',
          ].filter(Boolean)
          ;(refused.length ? toast.error : toast.success)(parts.join(' '))
          if (refused.length === 0) onDone()
        },
      },
    )
  }
  const count = (action: BulkAction) => selected.filter(APPLIES[action]).length

  return (
    <div
      role="toolbar"
      aria-label="Selected posts"
      className="sticky top-0 z-10 mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-accent bg-surface p-2.5 shadow-sm"
    >
      <span className="mr-1 font-semibold" aria-live="polite">
        {plural(selected.length)} selected
      </span>
      <Button
        size="sm"
        disabled={bulk.isPending || count('cancel') === 0}
        onClick={() => run('cancel')}
      >
        Unschedule ({count('cancel')})
      </Button>
      <Button
        size="sm"
        disabled={bulk.isPending || count('retry') === 0}
        onClick={() => run('retry')}
      >
        Retry failed ({count('retry')})
      </Button>
      <ConfirmButton
        size="sm"
        variant="danger"
        title={`Delete ${plural(selected.length)}?`}
        description="Published targets are deleted from the platforms that allow it; the others stay there."
        confirmLabel="Delete"
        onConfirm={() => run('delete')}
      >
        Delete ({selected.length})
      </ConfirmButton>
      <Button size="sm" variant="quiet" onClick={onDone}>
        Clear selection
      </Button>
    </div>
  )
}
