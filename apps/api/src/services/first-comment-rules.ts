import type { PostDraft, SocialProvider } from '@statex/core'

/**
 * What is wrong with a post's first comment on one platform: the platform must be able to
 * comment under our posts (`provider.comment`), and the comment must fit its text limit.
 */
export function firstCommentProblems(
  provider: SocialProvider,
  draft: PostDraft,
): { path: string; code: string; message: string }[] {
  const text = draft.firstComment
  if (text === undefined || text === '') return []
  if (!provider.comment)
    return [
      {
        path: 'firstComment',
        code: 'FIRST_COMMENT_NOT_SUPPORTED',
        message: `${provider.platform} has no comments under posts; remove the first comment for this account (an override with "firstComment": "").`,
      },
    ]
  const max = provider.capabilities.content.text.max
  if ([...text].length > max)
    return [
      {
        path: 'firstComment',
        code: 'FIRST_COMMENT_TOO_LONG',
        message: `The first comment has ${[...text].length} characters; ${provider.platform} takes ${max}.`,
      },
    ]
  return []
}
