import type { Platform } from '@statex/core'

// No runtime from @statex/core here: the form imports this at first paint (see draft.ts).

/**
 * The platforms whose adapters can comment under our own posts (`SocialProvider.comment`): the
 * API refuses a first comment anywhere else (apps/api/src/services/first-comment-rules.ts).
 * `GET /v1/platforms` does not say which adapters have `comment`, so the list is kept here; a
 * platform added on one side and not the other shows up as the API's FIRST_COMMENT_NOT_SUPPORTED.
 */
export const FIRST_COMMENT_PLATFORMS: readonly Platform[] = [
  'linkedin',
  'facebook',
  'instagram',
  'twitter',
]

export function takesFirstComment(platform: Platform): boolean {
  return FIRST_COMMENT_PLATFORMS.includes(platform)
}

/** The target override that keeps a first comment off a platform that has no comments. */
export function firstCommentOverride(
  text: string,
  platform: Platform,
): { firstComment: '' } | undefined {
  return text.trim() !== '' && !takesFirstComment(platform) ? { firstComment: '' } : undefined
}
