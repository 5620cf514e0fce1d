import type { SocialProvider, ValidationIssue } from '@statex/core'
import type { AnswerCheck } from '@statex/ai'

/**
 * The adapter's `validate` applied to a reply. A reply is text to someone who already wrote, so
 * the rules about a post's media (Instagram's "a post needs an image") and its options (a
 * WhatsApp broadcast's recipients) do not apply; the text's rules (length, hashtags, links) do.
 */
export function replyIssues(provider: SocialProvider, text: string): ValidationIssue[] {
  return provider
    .validate({ text })
    .filter((issue) => !issue.code.startsWith('MEDIA_') && !issue.path.startsWith('options.'))
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
