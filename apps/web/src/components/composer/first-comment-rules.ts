import type { Platform } from '@statex/core'
import { CONTENT_RULES } from '@statex/core'
import { PLATFORM_LABELS } from '@/lib/platforms'
import { takesFirstComment } from './first-comment-model'

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
