import type { MediaItem } from '@statex/core'
import { useState } from 'react'
import { cn } from '@/lib/cn'
import { PLATFORM_COLORS } from '@/lib/platforms'
import type { Platform } from '@statex/core'
import type { FoldedText, LinkCard, Segment } from '../preview-model'

// The pieces every look-alike shares: the account's picture, texts with their fold and marks,
// link cards and media tiles.

export interface PreviewAccount {
  displayName: string
  handle?: string | null | undefined
  avatarUrl?: string | null | undefined
}

export function Avatar({
  platform,
  account,
  size = 'size-10',
  square = false,
}: {
  platform: Platform
  account: PreviewAccount
  size?: string
  square?: boolean
}) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        'relative grid shrink-0 place-items-center overflow-hidden font-bold text-white',
        square ? 'rounded-md' : 'rounded-full',
        size,
      )}
      style={{ background: PLATFORM_COLORS[platform] }}
    >
      {account.displayName.slice(0, 1).toUpperCase()}
      {account.avatarUrl && (
        // A plain img: the picture is on the platform's CDN, any host.
        <img
          src={account.avatarUrl}
          alt=""
          className="absolute inset-0 size-full object-cover"
          onError={(event) => {
            event.currentTarget.hidden = true
          }}
        />
      )}
    </span>
  )
}

export function Segments({ segments }: { segments: readonly Segment[] }) {
  return segments.map((s, i) =>
    s.tag ? (
      <span key={i} className="font-medium text-info" data-tag={s.tag}>
        {s.text}
      </span>
    ) : (
      s.text
    ),
  )
}

/** A feed text folded as the platform folds it, with its own "more" button to unfold. */
export function FoldableText({
  text,
  more,
  className,
}: {
  text: FoldedText
  more: string
  className?: string
}) {
  const [open, setOpen] = useState(false)
  const shown = open || !text.folded ? text.full : text.folded
  return (
    <span className={cn('block whitespace-pre-wrap [overflow-wrap:anywhere]', className)}>
      <Segments segments={shown} />
      {text.folded && !open && (
        <>
          {' '}
          <button
            type="button"
            className="cursor-pointer font-medium text-muted hover:underline"
            onClick={() => setOpen(true)}
          >
            {more}
          </button>
        </>
      )}
    </span>
  )
}

/** The text with what passes the limit marked, as X's own composer marks it. */
export function OverflowText({ text, fitsUpTo }: { text: string; fitsUpTo: number }) {
  if (fitsUpTo >= text.length) return text
  return (
    <>
      {text.slice(0, fitsUpTo)}
      <mark className="bg-danger-bg text-danger" data-overflow="">
        {text.slice(fitsUpTo)}
      </mark>
      <span className="sr-only"> (the marked part is over the limit)</span>
    </>
  )
}

/** `image` says what the platform puts in the picture's place; without it the card has none. */
export function LinkCardView({ card, image }: { card: LinkCard; image?: string }) {
  const path = card.url.replace(/^https?:\/\/[^/]+/, '') || '/'
  return (
    <div
      className="mt-2 overflow-hidden rounded-lg border border-border"
      data-link-card={card.domain}
    >
      {image && (
        <div className="grid h-24 place-items-center bg-surface-2 px-2 text-center text-xs text-muted">
          {image}
        </div>
      )}
      <div className="px-3 py-2">
        <p className="text-xs text-muted">{card.domain}</p>
        <p className="text-sm font-semibold [overflow-wrap:anywhere]">{card.title ?? path}</p>
      </div>
    </div>
  )
}

/** One media item as a tile: the image itself, or what a video or file will show as. */
export function MediaTile({ item, className }: { item: MediaItem; className?: string }) {
  if (item.type === 'image' && /^https?:\/\//.test(item.url))
    return (
      // A plain img: any host the person pasted or uploaded to.
      <img
        src={item.url}
        alt={item.altText ?? ''}
        className={cn('size-full bg-surface-2 object-cover', className)}
      />
    )
  return (
    <div
      className={cn(
        'grid size-full place-items-center bg-surface-2 p-2 text-center text-sm text-muted',
        className,
      )}
    >
      {item.type === 'video' ? '▶ Video' : item.type === 'document' ? 'Document' : 'Image'}
    </div>
  )
}

/** Up to four tiles in the 1/2/2×2 grid X and Facebook use. */
export function MediaGrid({ media }: { media: readonly MediaItem[] }) {
  const shown = media.slice(0, 4)
  if (shown.length === 0) return null
  return (
    <div
      className={cn(
        'mt-2 grid aspect-video gap-0.5 overflow-hidden rounded-xl border border-border',
        shown.length > 1 && 'grid-cols-2',
        shown.length > 2 && 'grid-rows-2',
      )}
    >
      {shown.map((item, i) => (
        <MediaTile
          key={i}
          item={item}
          className={cn(shown.length === 3 && i === 0 && 'row-span-2')}
        />
      ))}
    </div>
  )
}
