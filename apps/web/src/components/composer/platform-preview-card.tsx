import type { TextCounting } from '@statex/core'
import { cn } from '@/lib/cn'
import { PLATFORM_COLORS } from '@/lib/platforms'
import type { PlatformPreview } from './preview-model'

const COUNTING: Record<TextCounting, string> = {
  'twitter-weighted': 'counted as X does: every link is 23, emoji and CJK characters 2',
  'code-points': 'counted in characters',
  utf16: 'counted in UTF-16 units: most emoji count as 2',
}

const LINK_NOTE: Record<PlatformPreview['link'], string | null> = {
  appended: 'The link is added to the end of the text and counts toward the limit.',
  separate: 'The link is sent as a link card and does not count toward the limit.',
  unsupported: null,
  none: null,
}

/** How the post reads on one platform, its length as that platform counts it, and what it would refuse. */
export function PlatformPreviewCard({
  preview,
  accountName,
}: {
  preview: PlatformPreview
  accountName?: string | undefined
}) {
  const over = preview.count > preview.limit
  const headingId = `preview-${preview.platform}`
  const ok = preview.issues.length === 0
  return (
    <article
      className={cn(
        'min-w-0 rounded-lg border border-l-4 border-border bg-surface p-4',
        ok ? 'border-l-ok' : 'border-l-danger',
      )}
      data-platform={preview.platform}
      data-state={over ? 'over' : 'ok'}
      aria-labelledby={headingId}
    >
      <header className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <span
            aria-hidden="true"
            className="grid size-8 place-items-center rounded-full text-sm font-bold text-white"
            style={{ background: PLATFORM_COLORS[preview.platform] }}
          >
            {(accountName ?? preview.label).slice(0, 1)}
          </span>
          <div>
            <h3 id={headingId} className="leading-tight font-semibold">
              {preview.label}
            </h3>
            {accountName && <p className="text-xs text-muted">{accountName}</p>}
          </div>
        </div>
        <p className={cn('font-semibold tabular-nums', over ? 'text-danger' : 'text-fg')}>
          <span className="count-value">
            {preview.count}/{preview.limit}
          </span>
          <span className="count-label font-normal">
            {over
              ? ` over the ${preview.isCaption ? 'caption ' : ''}limit by ${preview.count - preview.limit}`
              : preview.isCaption
                ? ' caption'
                : ''}
          </span>
        </p>
      </header>
      <p className="mb-2 text-xs text-muted">{COUNTING[preview.counting]}</p>
      {preview.text ? (
        <p className="preview-text mb-2 max-h-56 overflow-y-auto rounded-md bg-surface-2 px-3 py-2 whitespace-pre-wrap [overflow-wrap:anywhere]">
          {preview.text}
        </p>
      ) : (
        <p className="mb-2 rounded-md bg-surface-2 px-3 py-2 text-muted italic">No text yet.</p>
      )}
      {LINK_NOTE[preview.link] && (
        <p className="mb-2 text-sm text-muted">{LINK_NOTE[preview.link]}</p>
      )}
      {preview.media.length > 0 && (
        <ul className="mb-2 ml-5 list-disc text-sm [overflow-wrap:anywhere]">
          {preview.media.map((item, i) => (
            <li key={i}>
              {item.type} {i + 1}
              {item.altText ? ` — alt: ${item.altText}` : ' — no alt text'}
            </li>
          ))}
        </ul>
      )}
      {ok ? (
        <p className="text-sm text-ok">No problems for {preview.label}.</p>
      ) : (
        <ul className="issues flex flex-col gap-1.5" aria-label={`Problems for ${preview.label}`}>
          {preview.issues.map((issue, i) => (
            <li
              key={`${issue.path}-${issue.code}-${i}`}
              data-code={issue.code}
              className="rounded-md bg-danger-bg px-2.5 py-1.5 text-sm text-danger [overflow-wrap:anywhere]"
            >
              {issue.message}
            </li>
          ))}
        </ul>
      )}
    </article>
  )
}
