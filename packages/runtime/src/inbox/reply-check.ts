import type { SocialProvider, ValidationIssue } from '@statex/core'
import type { AnswerCheck } from '@statex/ai'

/**
 * The adapter's `validate` applied to a reply: a reply is text only, so rules about a post's
 * media (Instagram's "a post needs an image") do not apply to it; everything else does.
 */
export function replyIssues(provider: SocialProvider, text: string): ValidationIssue[] {
  return provider.validate({ text }).filter((issue) => !issue.code.startsWith('MEDIA_'))
}

/** The chain's answer check for drafts to `provider`: over the limit asks once for a shorter one. */
export function replyAnswerCheck(provider: SocialProvider): AnswerCheck {
  return (text) => {
    const issues = replyIssues(provider, text)
    if (issues.length === 0) return 'ok'
    if (issues.every((i) => i.code === 'TEXT_TOO_LONG')) return 'too_long'
    return { unusable: issues.map((i) => i.message).join(' ') }
  }
}
