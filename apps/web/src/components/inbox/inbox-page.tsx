'use client'

import type { components } from '@statex/api-client'
import type { Platform } from '@statex/core'
import Link from 'next/link'
import { useId, useState } from 'react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { EmptyState, ErrorState } from '@/components/ui/empty-state'
import { Label, Textarea } from '@/components/ui/field'
import { PageHeader } from '@/components/ui/page-header'
import { SkeletonList } from '@/components/ui/skeleton'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { useInteractions, useRejectDraft, useReply } from '@/lib/queries/inbox'
import { formatInstant } from '@/lib/time'
import { toastError } from '@/lib/toast-error'

type Interaction = components['schemas']['Interaction']

function InteractionCard({ item }: { item: Interaction }) {
  const ids = useId()
  const reply = useReply()
  const reject = useRejectDraft()
  const [text, setText] = useState('')
  const platform = PLATFORM_LABELS[item.platform as Platform]
  const who = item.author.name ?? item.author.handle ?? item.author.externalId
  const send = (body: { id: string; text?: string }) =>
    reply.mutate(body, {
      onSuccess: () => {
        setText('')
        toast.success(`Reply sent on ${platform}.`)
      },
      onError: (error) => toastError('Reply not sent', error),
    })
  return (
    <article
      className="rounded-lg border border-border bg-surface p-4"
      aria-labelledby={`${ids}-h`}
    >
      <header className="mb-1 flex flex-wrap items-baseline gap-2">
        <h2 id={`${ids}-h`} className="font-semibold">
          {who}
        </h2>
        <span className="text-sm text-muted">
          {item.type} on {platform} · {formatInstant(item.createdAt)}
        </span>
        {item.repliedAt ? (
          <Badge tone="ok">Replied</Badge>
        ) : (
          <Badge tone="warn">Needs a reply</Badge>
        )}
      </header>
      <p className="mb-3 whitespace-pre-wrap">
        {item.text ?? <em className="text-muted">No text</em>}
      </p>
      {item.aiDraftText && !item.repliedAt && (
        <div className="mb-3 rounded-md bg-info-bg p-3">
          <p className="mb-1 text-sm font-semibold text-info">AI draft</p>
          <p className="mb-2 whitespace-pre-wrap">{item.aiDraftText}</p>
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              variant="primary"
              disabled={reply.isPending}
              onClick={() => send({ id: item.id })}
            >
              Approve and send
            </Button>
            <Button size="sm" onClick={() => setText(item.aiDraftText ?? '')}>
              Edit
            </Button>
            <Button
              size="sm"
              variant="quiet"
              onClick={() =>
                reject.mutate(item.id, { onError: (e) => toastError('Not rejected', e) })
              }
            >
              Reject
            </Button>
          </div>
        </div>
      )}
      {!item.repliedAt && (
        <form
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            if (text.trim()) send({ id: item.id, text: text.trim() })
          }}
        >
          <Label htmlFor={`${ids}-reply`}>Reply to {who}</Label>
          <Textarea
            id={`${ids}-reply`}
            rows={2}
            className="min-h-16"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <div>
            <Button type="submit" size="sm" disabled={!text.trim() || reply.isPending}>
              Send reply
            </Button>
          </div>
        </form>
      )}
    </article>
  )
}

export function InboxPage() {
  const [unreplied, setUnreplied] = useState(false)
  const inbox = useInteractions({ unreplied })
  return (
    <>
      <PageHeader
        title="Inbox"
        lead="Comments and messages from every connected account, newest first."
        actions={
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-accent"
              checked={unreplied}
              onChange={(e) => setUnreplied(e.target.checked)}
            />
            Only those needing a reply
          </label>
        }
      />
      {inbox.isPending ? (
        <SkeletonList label="Loading the inbox…" />
      ) : inbox.isError ? (
        <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : inbox.data.length === 0 ? (
        <EmptyState
          title={unreplied ? 'Nothing waits for a reply' : 'No comments or messages yet'}
          action={
            <Button asChild>
              <Link href="/accounts">Check your accounts</Link>
            </Button>
          }
        >
          Comments and messages arrive here as the platforms deliver them to connected accounts.
          Nothing is shown until it is real.
        </EmptyState>
      ) : (
        <div className="flex flex-col gap-3">
          {inbox.data.map((item) => (
            <InteractionCard key={item.id} item={item} />
          ))}
        </div>
      )}
    </>
  )
}
