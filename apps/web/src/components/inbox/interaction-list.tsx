'use client'

import type { Platform } from '@statex/core'
import { Badge } from '@/components/ui/badge'
import { cn } from '@/lib/cn'
import { PLATFORM_LABELS } from '@/lib/platforms'
import type { Interaction } from '@/lib/queries/inbox'
import { formatInstant } from '@/lib/time'

export const authorOf = (item: Interaction) =>
  item.author.name ?? item.author.handle ?? item.author.externalId

const ANSWERABLE = new Set(['COMMENT', 'MENTION', 'MESSAGE'])
export const needsReply = (item: Interaction) =>
  ANSWERABLE.has(item.type) && !item.repliedAt && !item.hidden

const TYPE_LABELS: Record<string, string> = {
  COMMENT: 'Comment',
  MENTION: 'Mention',
  MESSAGE: 'Message',
  LIKE: 'Like',
  SHARE: 'Share',
  REACTION: 'Reaction',
}
export const typeLabel = (type: string) => TYPE_LABELS[type] ?? type

/** The inbox's left column: one button per interaction, newest first. */
export function InteractionList({
  items,
  selectedId,
  onSelect,
}: {
  items: Interaction[]
  selectedId: string | null
  onSelect: (id: string) => void
}) {
  return (
    <ul className="flex flex-col gap-2" aria-label="Comments and messages">
      {items.map((item) => {
        const selected = item.id === selectedId
        return (
          <li key={item.id}>
            <button
              type="button"
              aria-current={selected ? 'true' : undefined}
              data-interaction-id={item.id}
              onClick={() => onSelect(item.id)}
              className={cn(
                'w-full rounded-lg border bg-surface p-3 text-left hover:border-accent focus-visible:outline-2 focus-visible:outline-accent',
                selected ? 'border-accent ring-1 ring-accent' : 'border-border',
              )}
            >
              <span className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                <span className="font-semibold">{authorOf(item)}</span>
                <span className="text-sm text-muted">
                  {typeLabel(item.type)} · {PLATFORM_LABELS[item.platform as Platform]}
                </span>
                {needsReply(item) ? (
                  <Badge tone="warn">Needs a reply</Badge>
                ) : item.repliedAt ? (
                  <Badge tone="ok">Replied</Badge>
                ) : null}
                {item.aiDraftText && !item.repliedAt && <Badge tone="info">AI draft</Badge>}
                {item.sentiment === 'negative' && <Badge tone="danger">Negative</Badge>}
              </span>
              <span className="mt-1 line-clamp-2 block break-words">
                {item.text ?? (item.type === 'REACTION' ? 'Reacted' : 'No text')}
              </span>
              <span className="mt-1 block text-xs text-muted">{formatInstant(item.createdAt)}</span>
            </button>
          </li>
        )
      })}
    </ul>
  )
}
