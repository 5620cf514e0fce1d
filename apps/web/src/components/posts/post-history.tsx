'use client'

import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import { usePostHistory } from '@/lib/queries/reviews'
import { formatInstant } from '@/lib/time'

const KIND: Record<string, string> = {
  submitted: 'Submitted for review',
  approved: 'Approved',
  rejected: 'Rejected',
  commented: 'Commented',
  reopened: 'Sent back to review',
}

/** `user:…`, `api-key:…`, `review-link:…`: who did it, in words. */
function actorLabel(actor: string, name: string | null): string {
  if (name) return `${name} (review link)`
  if (actor.startsWith('api-key:')) return 'an API key'
  if (actor.startsWith('user:')) return 'a member'
  return actor
}

/** Every review step and status change of a post, oldest first, loaded when opened. */
export function PostHistory({ postId }: { postId: string }) {
  const [open, setOpen] = useState(false)
  const history = usePostHistory(postId, open)
  const entries = history.data
    ? [
        ...history.data.review.map((e) => ({
          at: e.at,
          key: e.id,
          text: `${KIND[e.kind] ?? e.kind} by ${actorLabel(e.actor, e.actorName)}`,
          comment: e.comment,
        })),
        ...history.data.statusChanges.map((c, i) => ({
          at: c.at,
          key: `${c.targetId}-${i}`,
          text: `${c.from ?? 'new'} → ${c.to}: ${c.reason}`,
          comment: null,
        })),
      ].sort((a, b) => a.at.localeCompare(b.at))
    : []
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Post history"
      trigger={
        <Button size="sm" variant="quiet">
          History
        </Button>
      }
    >
      {history.isPending ? (
        <p aria-busy="true">Loading…</p>
      ) : history.isError ? (
        <p role="alert" className="text-danger">
          {history.error.message}
        </p>
      ) : (
        <ol className="flex flex-col gap-2 text-sm" aria-label="History, oldest first">
          {entries.map((e) => (
            <li key={e.key} className="border-l-2 border-border pl-3">
              <time className="block text-muted" dateTime={e.at}>
                {formatInstant(e.at)}
              </time>
              {e.text}
              {e.comment && <q className="mt-0.5 block italic">{e.comment}</q>}
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  )
}
