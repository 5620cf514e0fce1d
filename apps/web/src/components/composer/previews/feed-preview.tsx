import type { PlatformPreview, PlatformView } from '../preview-model'
import { Avatar, FoldableText, LinkCardView, MediaGrid, type PreviewAccount } from './preview-parts'

type FeedView = Extract<PlatformView, { platform: 'linkedin' | 'facebook' }>

/** LinkedIn and Facebook Page feed cards: author line, folded text, then media or the link card. */
export function FeedPreview({
  preview,
  view,
  account,
}: {
  preview: PlatformPreview
  view: FeedView
  account: PreviewAccount
}) {
  const linkedin = view.platform === 'linkedin'
  return (
    <div className="rounded-lg border border-border bg-bg p-3">
      <div className="mb-2 flex items-center gap-2">
        <Avatar platform={view.platform} account={account} square={linkedin} />
        <div className="min-w-0">
          <p className="text-sm font-semibold">{account.displayName}</p>
          <p className="text-xs text-muted">{linkedin ? 'Now · Public' : 'Just now · Public'}</p>
        </div>
      </div>
      {preview.text ? (
        <FoldableText
          text={view.text}
          more={linkedin ? '…see more' : 'See more'}
          className="preview-text text-sm"
        />
      ) : (
        <p className="text-sm text-muted italic">No text yet.</p>
      )}
      <MediaGrid media={preview.media} />
      {view.card && (
        <LinkCardView
          card={view.card}
          // LinkedIn gets no thumbnail from the composer, so its card has no picture.
          {...(linkedin ? {} : { image: 'Facebook shows the page\u2019s image here' })}
        />
      )}
      {view.linkDropped && (
        <p className="mt-2 text-sm text-warn">
          With media attached, {preview.label} gets the media and not the link: write the link into
          the text if it should be there.
        </p>
      )}
    </div>
  )
}
