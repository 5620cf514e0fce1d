import type { TextCounting } from '@statex/core'
import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'
import type { PlatformPreview } from '../preview-model'

const COUNTING: Record<TextCounting, string> = {
  'twitter-weighted': 'counted as X does: every link is 23, emoji and CJK characters 2',
  'code-points': 'counted in characters',
  utf16: 'counted in UTF-16 units: most emoji count as 2',
}

/**
 * Around each platform's look-alike: which platform, its count as that platform counts, and what
 * it would refuse. The look-alike itself is `children`.
 */
export function PreviewFrame({
  preview,
  children,
}: {
  preview: PlatformPreview
  children: ReactNode
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
      <header className="mb-3 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h3 id={headingId} className="leading-tight font-semibold">
          {preview.label}
        </h3>
        <p className={cn('font-semibold tabular-nums', over ? 'text-danger' : 'text-fg')}>
          <span className="count-value">
            {preview.count}/{preview.limit}
          </span>
          <span className="count-label font-normal">
            {preview.posts > 1 && ` longest of ${preview.posts} posts`}
            {over
              ? ` over the ${preview.isCaption ? 'caption ' : ''}limit by ${preview.count - preview.limit}`
              : preview.isCaption
                ? ' caption'
                : ''}
          </span>
          <span className="sr-only">, {COUNTING[preview.counting]}</span>
        </p>
      </header>
      {children}
      {ok ? (
        <p className="mt-3 text-sm text-ok">No problems for {preview.label}.</p>
      ) : (
        <ul
          className="issues mt-3 flex flex-col gap-1.5"
          aria-label={`Problems for ${preview.label}`}
        >
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
