import { fromLocalInput, toLocalInput } from '@/lib/local-input'
import type { CreatePostInput } from '@/lib/queries/posts'
import { userTimeZone } from '@/lib/time'
import {
  chosenPlatforms,
  parseRecipients,
  type ComposerAccount,
  type ComposerValues,
} from './composer-values'
import { toDraft } from './draft'
import { firstCommentOverride } from './first-comment-model'
import { textOverrideOf } from './platform-draft'

/** The POST /v1/posts body for the form's values. */
export function bodyOf(
  values: ComposerValues,
  accounts: readonly ComposerAccount[],
): CreatePostInput {
  const platforms = chosenPlatforms(values, accounts)
  const base = toDraft({ text: values.text, link: values.link, media: values.media })
  const withComment = values.firstComment.trim()
    ? { ...base, firstComment: values.firstComment }
    : base
  const content = platforms.includes('whatsapp')
    ? {
        ...withComment,
        options: { whatsapp: { recipients: parseRecipients(values.whatsappRecipients) } },
      }
    : withComment
  const timeZone = userTimeZone()
  const at = values.schedule === 'at' ? fromLocalInput(values.at, timeZone) : null
  return {
    content: content as CreatePostInput['content'],
    targets: accounts
      .filter((a) => values.accountIds.includes(a.id))
      .map((a) => {
        const override = {
          ...textOverrideOf(values, a.platform),
          ...firstCommentOverride(values.firstComment, a.platform),
        }
        return Object.keys(override).length ? { accountId: a.id, override } : { accountId: a.id }
      }),
    ...(values.shortenLinks ? { shortenLinks: true } : {}),
    schedule:
      values.schedule === 'at' && at
        ? { type: 'at', at: at.toISOString() }
        : values.schedule === 'at' || values.schedule === 'keep'
          ? { type: 'draft' }
          : { type: values.schedule },
    timeZone,
  }
}

/** The time the form starts with: an hour from now, rounded up to the minute, in the person's zone. */
export function defaultAt(now = Date.now()): string {
  return toLocalInput(new Date(Math.ceil((now + 3_600_000) / 60_000) * 60_000))
}
