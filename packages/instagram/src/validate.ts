import { CONTENT_RULES, validatePost, type PostDraft, type ValidationIssue } from '@statex/core'
import { kindOf } from './publish.js'

/**
 * Every problem an Instagram post has at once: the shared rules (caption 2,200, 30 hashtags,
 * 20 mentions, 1–10 media, JPEG) plus the media rules of each kind.
 * @see https://developers.facebook.com/docs/instagram-platform/content-publishing
 */
export function validateInstagramPost(post: PostDraft): ValidationIssue[] {
  const issues = validatePost(post, CONTENT_RULES.instagram)
  const media = post.media ?? []
  const options = post.options?.instagram
  const kind = kindOf(post)
  const issue = (path: string, message: string) =>
    issues.push({ path, code: 'OPTION_INVALID', message })
  if (kind === 'STORIES' && media.length !== 1)
    issue('options.instagram.kind', 'A story is exactly one image or one video.')
  if (kind === 'STORIES' && post.text.trim())
    issue(
      'text',
      'Stories published through the API carry no caption: remove the text or publish to the feed.',
    )
  if (kind === 'REELS' && (media.length !== 1 || media[0]?.type !== 'video'))
    issue('options.instagram.kind', 'A reel is exactly one video.')
  if (kind === 'CAROUSEL' && options?.kind && options.kind !== 'FEED')
    issue(
      'options.instagram.kind',
      'A carousel (2\u201310 items) is a feed post; pick one item for a reel or a story.',
    )
  if (options?.shareToFeed !== undefined && kind !== 'REELS')
    issue('options.instagram.shareToFeed', 'shareToFeed applies to reels only.')
  return issues
}
