'use client'

import type { Platform } from '@statex/core'
import { useId } from 'react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Field, Select } from '@/components/ui/field'
import { PLATFORM_LABELS } from '@/lib/platforms'
import {
  type ConversationStatus,
  type Interaction,
  useConversation,
  useUpdateConversation,
} from '@/lib/queries/inbox'
import { useMembers } from '@/lib/queries/settings'
import { formatInstant } from '@/lib/time'
import { toastError } from '@/lib/toast-error'
import { actorName } from './actor-name'
import { ConversationLabels } from './conversation-labels'
import { authorOf, needsReply, typeLabel } from './interaction-list'
import { NoteForm } from './note-form'
import { ReplyBox } from './reply-box'

const STATUSES: { value: ConversationStatus; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending' },
  { value: 'snoozed', label: 'Snoozed for a day' },
  { value: 'resolved', label: 'Resolved' },
]
const DAY_MS = 86_400_000

interface Entry {
  key: string
  at: string
  who: string
  text: string
  kind: 'them' | 'us' | 'note'
  detail?: string
}

/** The conversation an interaction belongs to: the post it answers, every message, and what to do. */
export function ConversationPanel({ item, onBack }: { item: Interaction; onBack: () => void }) {
  const ids = useId()
  const conversation = useConversation(item.inboxConversationId)
  const members = useMembers()
  const update = useUpdateConversation()
  const who = authorOf(item)
  const platform = PLATFORM_LABELS[item.platform as Platform]
  const data = conversation.data
  const entries: Entry[] = data
    ? [
        ...data.interactions.map((i) => ({
          key: i.id,
          at: i.createdAt,
          who: authorOf(i),
          text: i.text ?? typeLabel(i.type),
          kind: 'them' as const,
        })),
        ...data.replies.map((r) => ({
          key: r.id,
          at: r.sentAt ?? r.createdAt,
          who: 'You',
          text: r.text,
          kind: 'us' as const,
          detail: r.status === 'sent' ? (r.aiTier ? `AI (${r.aiTier})` : undefined) : r.status,
        })),
        ...data.notes.map((n) => ({
          key: n.id,
          at: n.createdAt,
          who: actorName(n.author, members.data),
          text: n.text,
          kind: 'note' as const,
        })),
      ].sort((a, b) => a.at.localeCompare(b.at))
    : [
        {
          key: item.id,
          at: item.createdAt,
          who,
          text: item.text ?? typeLabel(item.type),
          kind: 'them',
        },
      ]
  const set = (body: Parameters<typeof update.mutate>[0]) =>
    update.mutate(body, {
      onSuccess: () => toast.success('Conversation updated.'),
      onError: (error) => toastError('Not updated', error),
    })

  return (
    <section
      className="flex min-w-0 flex-col gap-4 rounded-lg border border-border bg-surface p-4"
      aria-labelledby={`${ids}-h`}
      data-conversation-for={item.id}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={`${ids}-h`} className="text-lg font-semibold break-words">
            {who}
          </h2>
          <p className="text-sm text-muted">
            {typeLabel(item.type)} on {platform}
            {item.intent ? ` · ${item.intent}` : ''}
            {item.sentiment ? ` · ${item.sentiment}` : ''}
          </p>
        </div>
        <Button size="sm" variant="quiet" className="lg:hidden" onClick={onBack}>
          Back to the list
        </Button>
      </div>

      {data && (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={`${ids}-status`} label="Status">
            <Select
              id={`${ids}-status`}
              value={data.conversation.status}
              disabled={update.isPending}
              onChange={(e) => {
                const status = e.target.value as ConversationStatus
                set({
                  id: data.conversation.id,
                  status,
                  ...(status === 'snoozed'
                    ? { snoozedUntil: new Date(Date.now() + DAY_MS).toISOString() }
                    : {}),
                })
              }}
            >
              {STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field id={`${ids}-assignee`} label="Assignee">
            <Select
              id={`${ids}-assignee`}
              value={data.conversation.assigneeUserId ?? ''}
              disabled={update.isPending || !members.data}
              onChange={(e) =>
                set({ id: data.conversation.id, assigneeUserId: e.target.value || null })
              }
            >
              <option value="">Nobody</option>
              {members.data?.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name ?? m.email}
                </option>
              ))}
            </Select>
          </Field>
          <div className="sm:col-span-2">
            <ConversationLabels id={data.conversation.id} labels={data.conversation.labels} />
          </div>
        </div>
      )}

      {data?.post && (
        <figure className="rounded-md border border-border bg-surface-2 p-3">
          <figcaption className="mb-1 text-sm font-semibold">
            On your post
            {data.post.url && (
              <>
                {' · '}
                <a className="font-normal text-accent underline" href={data.post.url}>
                  view it on {platform}
                </a>
              </>
            )}
          </figcaption>
          <p className="line-clamp-4 text-sm break-words whitespace-pre-wrap">
            {data.post.text ?? 'A post with no text.'}
          </p>
        </figure>
      )}

      <ol className="flex flex-col gap-2" aria-label="Messages" aria-busy={conversation.isLoading}>
        {entries.map((entry) => (
          <li
            key={entry.key}
            data-entry={entry.kind}
            className={
              entry.kind === 'us'
                ? 'ml-6 rounded-md border border-accent bg-surface p-3'
                : entry.kind === 'note'
                  ? 'rounded-md border border-dashed border-warn bg-warn-bg p-3'
                  : 'mr-6 rounded-md bg-surface-2 p-3'
            }
          >
            <p className="mb-1 flex flex-wrap items-baseline gap-2 text-sm">
              <span className="font-semibold">{entry.who}</span>
              {entry.kind === 'note' && <Badge tone="warn">Internal note · not sent</Badge>}
              {entry.detail && <Badge tone="info">{entry.detail}</Badge>}
              <span className="text-muted">{formatInstant(entry.at)}</span>
            </p>
            <p className="whitespace-pre-wrap break-words">{entry.text}</p>
          </li>
        ))}
      </ol>

      {needsReply(item) || (item.aiDraftText && !item.repliedAt) ? (
        <ReplyBox key={item.id} item={item} who={who} />
      ) : item.repliedAt ? (
        <p className="text-sm text-muted">Answered {formatInstant(item.repliedAt)}.</p>
      ) : (
        <p className="text-sm text-muted">
          {typeLabel(item.type)}s count towards the post&apos;s activity; they wait for no answer.
        </p>
      )}

      {data && <NoteForm conversationId={data.conversation.id} platform={platform} />}
    </section>
  )
}
