import type { TextCounting } from '@statex/core'
import type { PlatformPreview } from './preview-model'

const COUNTING: Record<TextCounting, string> = {
  'twitter-weighted': 'counted as X does: every link is 23, emoji and CJK characters 2',
  'code-points': 'counted in characters',
  utf16: 'counted in UTF-16 units: most emoji count as 2',
}

const LINK_NOTE: Record<PlatformPreview['link'], string | null> = {
  appended: 'The link is added to the end of the text and counts toward the limit.',
  separate: 'The link is sent as a link attachment and does not count toward the limit.',
  unsupported: null,
  none: null,
}

export function PlatformPreviewCard({ preview }: { preview: PlatformPreview }) {
  const over = preview.count > preview.limit
  const headingId = `preview-${preview.platform}`
  return (
    <article
      className="preview"
      data-platform={preview.platform}
      data-state={over ? 'over' : 'ok'}
      aria-labelledby={headingId}
    >
      <header className="preview-head">
        <h3 id={headingId}>{preview.label}</h3>
        <p className="count">
          <span className="count-value">
            {preview.count}/{preview.limit}
          </span>
          <span className="count-label">
            {over
              ? ` over the ${preview.isCaption ? 'caption ' : ''}limit by ${preview.count - preview.limit}`
              : preview.isCaption
                ? ' caption'
                : ''}
          </span>
        </p>
      </header>
      <p className="counting">{COUNTING[preview.counting]}</p>
      {preview.text ? (
        <p className="preview-text">{preview.text}</p>
      ) : (
        <p className="preview-text empty">No text yet.</p>
      )}
      {LINK_NOTE[preview.link] && <p className="note">{LINK_NOTE[preview.link]}</p>}
      {preview.media.length > 0 && (
        <ul className="preview-media">
          {preview.media.map((item, i) => (
            <li key={i}>
              {item.type} {i + 1}
              {item.altText ? ` — alt: ${item.altText}` : ' — no alt text'}
            </li>
          ))}
        </ul>
      )}
      {preview.issues.length === 0 ? (
        <p className="ok">No problems for {preview.label}.</p>
      ) : (
        <ul className="issues" aria-label={`Problems for ${preview.label}`}>
          {preview.issues.map((issue, i) => (
            <li key={`${issue.path}-${issue.code}-${i}`} data-code={issue.code}>
              <code>{issue.path}</code> {issue.message}
            </li>
          ))}
        </ul>
      )}
    </article>
  )
}
