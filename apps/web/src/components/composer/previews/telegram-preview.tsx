import { cn } from '@/lib/cn'
import type { PlatformPreview, PlatformView } from '../preview-model'
import { Avatar, MediaTile, OverflowText, type PreviewAccount } from './preview-parts'

type TelegramView = Extract<PlatformView, { platform: 'telegram' }>

/**
 * A channel post: one text message with the preview of its first link, or a photo/video/file or
 * album with the text as caption (1024 then, not 4096), the time and the view count under it.
 */
export function TelegramPreview({
  preview,
  view,
  account,
  time,
}: {
  preview: PlatformPreview
  view: TelegramView
  account: PreviewAccount
  time: string
}) {
  const media = preview.media
  return (
    <div className="rounded-lg bg-surface-2 p-3">
      <div className="mb-2 flex items-center gap-2">
        <Avatar platform="telegram" account={account} size="size-8" />
        <p className="text-sm font-semibold">{account.displayName}</p>
      </div>
      <div className="max-w-md overflow-hidden rounded-2xl rounded-bl-sm border border-border bg-surface shadow-sm">
        {view.message !== 'text' && (
          <div
            className={cn(
              'grid gap-0.5',
              media.length > 1 && 'grid-cols-2',
              media.length === 1 && 'aspect-video',
            )}
            aria-label={view.message === 'album' ? `Album of ${media.length}` : undefined}
            role={view.message === 'album' ? 'group' : undefined}
          >
            {media.map((item, i) => (
              <div key={i} className={cn(media.length > 1 && 'aspect-square')}>
                <MediaTile item={item} />
              </div>
            ))}
          </div>
        )}
        <div className="px-3 pt-2 pb-1.5 text-sm">
          {preview.text && (
            <p className="preview-text whitespace-pre-wrap [overflow-wrap:anywhere]">
              <OverflowText text={preview.text} fitsUpTo={preview.fitsUpTo} />
            </p>
          )}
          {view.card && (
            <div className="mt-1.5 border-l-2 border-info pl-2" data-link-card={view.card.domain}>
              <p className="font-semibold text-info">{view.card.domain}</p>
              <p className="text-xs text-muted [overflow-wrap:anywhere]">
                The page&rsquo;s title and picture, as Telegram fetches them
              </p>
            </div>
          )}
          <p className="mt-1 flex justify-end gap-2 text-xs text-muted tabular-nums">
            <span className="inline-flex items-center gap-1">
              {/* An eye drawn, not the emoji: not every system font has one. */}
              <svg aria-hidden="true" viewBox="0 0 24 16" className="h-2.5 w-3.5 fill-current">
                <path d="M12 0C6.5 0 2.1 3.4 0 8c2.1 4.6 6.5 8 12 8s9.9-3.4 12-8c-2.1-4.6-6.5-8-12-8Zm0 13a5 5 0 1 1 0-10 5 5 0 0 1 0 10Zm0-2.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z" />
              </svg>
              <span className="sr-only">views: </span>0
            </span>
            <span>{time}</span>
          </p>
        </div>
      </div>
    </div>
  )
}
