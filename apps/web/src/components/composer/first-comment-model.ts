import type { Platform } from '@statex/core'
import { CONTENT_RULES } from '@statex/core'
import { PLATFORM_LABELS } from '@/lib/platforms'

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

/**
 * What is wrong with the first comment on the chosen platforms that take one, by the API's rule:
 * at most the platform's text limit, counted in code points as the server counts it.
 * Platforms without comments are left out of the comment (not refused), see `firstCommentOverride`.
 */
export function firstCommentProblems(
  text: string,
  platforms: readonly Platform[],
): { where: string; message: string }[] {
  if (text.trim() === '') return []
  const length = [...text].length
  return platforms.filter(takesFirstComment).flatMap((platform) => {
    const max = CONTENT_RULES[platform].text.max
    return length > max
      ? [
          {
            where: 'First comment',
            message: `The first comment has ${length} characters; ${PLATFORM_LABELS[platform]} takes ${max}. Shorten it by ${length - max}.`,
          },
        ]
      : []
  })
}

/** The target override that keeps a first comment off a platform that has no comments. */
export function firstCommentOverride(
  text: string,
  platform: Platform,
): { firstComment: '' } | undefined {
  return text.trim() !== '' && !takesFirstComment(platform) ? { firstComment: '' } : undefined
}
