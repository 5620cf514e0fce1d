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
            <span>
              <span aria-hidden="true">👁 </span>
              <span className="sr-only">views: </span>0
            </span>
            <span>{time}</span>
          </p>
        </div>
      </div>
    </div>
  )
}
