import type { PlatformPreview, PlatformView } from '../preview-model'
import { Avatar, LinkCardView, MediaGrid, OverflowText, type PreviewAccount } from './preview-parts'

type XView = Extract<PlatformView, { platform: 'twitter' }>

/**
 * X: each post of the thread as X shows it, joined by the reply line, with its "2/3" place. The
 * adapter never splits a text by itself: a text past 280 is one post X would refuse, its overflow
 * marked, until the person writes it as a thread.
 */
export function XPreview({
  preview,
  view,
  account,
}: {
  preview: PlatformPreview
  view: XView
  account: PreviewAccount
}) {
  const handle = account.handle ? `@${account.handle.replace(/^@/, '')}` : null
  return (
    <ol className="flex flex-col" aria-label={view.tweets.length > 1 ? 'Thread' : 'Post'}>
      {view.tweets.map((tweet, i) => (
        <li key={i} className="flex gap-3" data-tweet={tweet.position ?? '1'}>
          <div className="flex flex-col items-center">
            <Avatar platform="twitter" account={account} />
            {i < view.tweets.length - 1 && (
              <span aria-hidden="true" className="my-1 w-0.5 flex-1 bg-border" />
            )}
          </div>
          <div className="min-w-0 flex-1 pb-4">
            <p className="flex flex-wrap items-baseline gap-x-1.5 text-sm">
              <strong>{account.displayName}</strong>
              {handle && <span className="text-muted">{handle}</span>}
              {tweet.position && (
                <span className="ml-auto text-muted tabular-nums" data-position="">
                  {tweet.position}
                </span>
              )}
            </p>
            {tweet.text ? (
              <p className="preview-text whitespace-pre-wrap [overflow-wrap:anywhere]">
                <OverflowText text={tweet.text} fitsUpTo={tweet.fitsUpTo} />
              </p>
            ) : (
              !tweet.media.length && <p className="text-muted italic">No text yet.</p>
            )}
            <MediaGrid media={tweet.media} />
            {tweet.card && (
              <LinkCardView card={tweet.card} image="X shows the page’s image and title here" />
            )}
          </div>
        </li>
      ))}
      {view.tweets.length === 1 && preview.fitsUpTo < preview.text.length && (
        <li className="text-sm text-danger">
          X would refuse this post: the marked part is past 280. Shorten it, or under “Per platform”
          write it as a thread.
        </li>
      )}
    </ol>
  )
}
