'use client'

import type { Platform } from '@statex/core'
import { useId, useState } from 'react'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { Label, Textarea } from '@/components/ui/field'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { type Interaction, useDraftNow, useRejectDraft, useReply } from '@/lib/queries/inbox'
import { toastError } from '@/lib/toast-error'

/**
 * The answer to one interaction: its AI draft to approve, edit or reject, and a reply box. Both
 * send through the API's one reply path (validated, 24-hour window, sent at most once).
 */
export function ReplyBox({ item, who }: { item: Interaction; who: string }) {
  const ids = useId()
  const reply = useReply()
  const reject = useRejectDraft()
  const draftNow = useDraftNow()
  const [text, setText] = useState('')
  const platform = PLATFORM_LABELS[item.platform as Platform]
  // The promise, not mutate's callbacks: a sent reply re-renders the conversation without this
  // box before those callbacks would run, and the toast must still say it went out.
  const send = (body: { id: string; text?: string }) =>
    reply.mutateAsync(body).then(
      () => {
        setText('')
        toast.success(`Reply sent on ${platform}.`)
      },
      (error: unknown) => toastError('Reply not sent', error),
    )
  return (
    <div className="flex flex-col gap-3">
      {item.aiDraftText && (
        <section className="rounded-md bg-info-bg p-3" aria-labelledby={`${ids}-draft`}>
          <h3 id={`${ids}-draft`} className="mb-1 text-sm font-semibold text-info">
            AI draft{item.aiTier ? ` · ${item.aiTier}` : ''}
          </h3>
          <p className="mb-2 whitespace-pre-wrap">{item.aiDraftText}</p>
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              variant="primary"
              disabled={reply.isPending}
              onClick={() => void send({ id: item.id })}
            >
              Approve and send
            </Button>
            <Button size="sm" onClick={() => setText(item.aiDraftText ?? '')}>
              Edit
            </Button>
            <Button
              size="sm"
              variant="quiet"
              disabled={reject.isPending}
              onClick={() =>
                reject.mutate(item.id, { onError: (e) => toastError('Not rejected', e) })
              }
            >
              Reject
            </Button>
          </div>
        </section>
      )}
      <form
        className="flex flex-col gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          if (text.trim()) void send({ id: item.id, text: text.trim() })
        }}
      >
        <Label htmlFor={`${ids}-reply`}>Reply to {who}</Label>
        <Textarea
          id={`${ids}-reply`}
          rows={3}
          className="min-h-20"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit()
          }}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" size="sm" disabled={!text.trim() || reply.isPending}>
            Send reply
          </Button>
          <Button
            size="sm"
            variant="quiet"
            disabled={draftNow.isPending}
            onClick={() =>
              draftNow.mutate(item.id, { onError: (e) => toastError('No AI draft', e) })
            }
          >
            {draftNow.isPending
              ? 'Drafting…'
              : item.aiDraftText
                ? 'Draft again with AI'
                : 'Draft with AI'}
          </Button>
        </div>
      </form>
    </div>
  )
}
