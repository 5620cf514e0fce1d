import type { PlatformPreview, PlatformView } from '../preview-model'
import { MediaTile, OverflowText, type PreviewAccount } from './preview-parts'

type WhatsAppView = Extract<PlatformView, { platform: 'whatsapp' }>

/**
 * The message as a recipient's WhatsApp shows it: the business's chat, and the message on the
 * incoming side. The composer sends no template, so it is what buildMessage makes of the post:
 * one media item with the text as caption, or a text with its link preview.
 */
export function WhatsAppPreview({
  preview,
  view,
  account,
  time,
}: {
  preview: PlatformPreview
  view: WhatsAppView
  account: PreviewAccount
  time: string
}) {
  const item = preview.media[0]
  return (
    <div className="overflow-hidden rounded-lg border border-border">
      <p className="bg-[#075e54] px-3 py-2 text-sm font-semibold text-white">
        {account.displayName}
      </p>
      <div className="bg-[#efeae2] p-3 dark:bg-[#0b141a]">
        <div className="max-w-sm rounded-lg rounded-tl-none bg-white p-1 text-[#111b21] shadow-sm dark:bg-[#202c33] dark:text-[#e9edef]">
          {item && view.message !== 'text' && (
            <div className={view.message === 'document' ? 'h-16' : 'aspect-video'}>
              <MediaTile item={item} className="rounded-md" />
            </div>
          )}
          {view.card && (
            <div
              className="rounded-md bg-[#f0f2f5] px-2 py-1.5 dark:bg-[#1d282f]"
              data-link-card={view.card.domain}
            >
              <p className="text-xs text-[#54656f] dark:text-[#aebac1]">{view.card.domain}</p>
            </div>
          )}
          <p className="preview-text px-1.5 pt-1 text-sm whitespace-pre-wrap [overflow-wrap:anywhere]">
            {preview.text ? (
              <OverflowText text={preview.text} fitsUpTo={preview.fitsUpTo} />
            ) : (
              <span className="italic">No text yet.</span>
            )}
          </p>
          <p className="px-1.5 text-right text-xs text-[#54656f] tabular-nums dark:text-[#aebac1]">
            {time}
          </p>
        </div>
      </div>
      <p className="bg-surface px-3 py-2 text-xs text-muted">
        Sent as a free-form message to each recipient: it reaches those who wrote to this number in
        the last 24 hours; the others need an approved template.
      </p>
    </div>
  )
}
