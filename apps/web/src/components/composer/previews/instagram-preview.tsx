import { useState } from 'react'
import { cn } from '@/lib/cn'
import type { PlatformPreview, PlatformView } from '../preview-model'
import { Avatar, FoldableText, MediaTile, type PreviewAccount } from './preview-parts'

type InstagramView = Extract<PlatformView, { platform: 'instagram' }>

/** Instagram: square slides with their dots and buttons, the caption under them with its fold. */
export function InstagramPreview({
  preview,
  view,
  account,
}: {
  preview: PlatformPreview
  view: InstagramView
  account: PreviewAccount
}) {
  const slides = preview.media
  const [chosen, setChosen] = useState(0)
  // A slide removed from the form: stay on the last one there is.
  const at = Math.min(chosen, Math.max(0, slides.length - 1))
  const name = account.handle?.replace(/^@/, '') ?? account.displayName
  return (
    <div className="overflow-hidden rounded-lg border border-border bg-bg">
      <div className="flex items-center gap-2 px-3 py-2">
        <Avatar platform="instagram" account={account} size="size-8" />
        <p className="text-sm font-semibold">{name}</p>
        {view.kind === 'REELS' && <span className="ml-auto text-xs text-muted">Reel</span>}
      </div>
      {slides.length === 0 ? (
        <p className="grid aspect-square place-items-center bg-surface-2 p-6 text-center font-semibold text-danger">
          Instagram needs at least one image or video.
        </p>
      ) : (
        <div
          role="group"
          aria-roledescription="carousel"
          aria-label={`Instagram ${slides.length > 1 ? 'carousel' : 'post'}`}
          className="relative"
          onKeyDown={(event) => {
            if (event.key === 'ArrowLeft') setChosen(Math.max(0, at - 1))
            if (event.key === 'ArrowRight') setChosen(Math.min(slides.length - 1, at + 1))
          }}
        >
          <div
            className="aspect-square"
            role="group"
            aria-roledescription="slide"
            aria-live="polite"
            aria-label={`Slide ${at + 1} of ${slides.length}`}
            data-slide={at + 1}
          >
            <MediaTile item={slides[at]!} />
          </div>
          {slides.length > 1 && (
            <>
              <SlideButton side="left" disabled={at === 0} onClick={() => setChosen(at - 1)} />
              <SlideButton
                side="right"
                disabled={at === slides.length - 1}
                onClick={() => setChosen(at + 1)}
              />
              <p className="absolute top-2 right-2 rounded-full bg-black/70 px-2 py-0.5 text-xs text-white tabular-nums">
                {at + 1}/{slides.length}
              </p>
            </>
          )}
        </div>
      )}
      {slides.length > 1 && (
        <div className="flex justify-center gap-1 pt-2" aria-hidden="true">
          {slides.map((_, i) => (
            <span
              key={i}
              className={cn('size-1.5 rounded-full', i === at ? 'bg-info' : 'bg-border')}
            />
          ))}
        </div>
      )}
      <div className="px-3 py-2 text-sm">
        {preview.text ? (
          <p className="preview-text">
            <strong className="mr-1">{name}</strong>
            <FoldableText text={view.caption} more="… more" className="inline" />
          </p>
        ) : (
          <p className="text-muted italic">No caption.</p>
        )}
      </div>
    </div>
  )
}

function SlideButton({
  side,
  disabled,
  onClick,
}: {
  side: 'left' | 'right'
  disabled: boolean
  onClick: () => void
}) {
  return (
    // aria-disabled, not disabled: the button keeps focus when its end is reached.
    <button
      type="button"
      aria-disabled={disabled}
      onClick={disabled ? undefined : onClick}
      aria-label={side === 'left' ? 'Previous slide' : 'Next slide'}
      className={cn(
        'absolute top-1/2 grid size-8 -translate-y-1/2 cursor-pointer place-items-center rounded-full bg-white/90 text-lg font-bold text-black shadow aria-disabled:cursor-default aria-disabled:opacity-40',
        side === 'left' ? 'left-2' : 'right-2',
      )}
    >
      <span aria-hidden="true">{side === 'left' ? '‹' : '›'}</span>
    </button>
  )
}
