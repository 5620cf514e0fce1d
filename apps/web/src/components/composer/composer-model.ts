import { zodResolver } from '@hookform/resolvers/zod'
// zod/mini: the same schemas at a fraction of the browser bundle (tree-shakable checks).
import { z } from 'zod/mini'
import { fromLocalInput } from '@/lib/local-input'
import { firstCommentProblems } from './first-comment-rules'
import {
  SCHEDULE_CHOICES,
  chosenPlatforms,
  parseRecipients,
  type ComposerAccount,
  type ComposerValues,
} from './composer-values'
import { previewsOf } from './preview-model'

export { previewsOf } from './preview-model'
export { bodyOf, defaultAt } from './composer-body'
export { draftFor } from './platform-draft'
export { joinParts, threadFrom } from './thread-model'
export {
  SCHEDULE_CHOICES,
  chosenPlatforms,
  parseRecipients,
  type ComposerAccount,
  type ComposerValues,
  type ScheduleChoice,
} from './composer-values'

export interface Problem {
  /** Where to look: a platform's card, or a field. */
  where: string
  message: string
  /** A fix the form can make at once: X's over-long text written as a thread. */
  fix?: 'make-thread'
}

/**
 * Every reason the post cannot go out yet, with the same content rules the API applies
 * (@statex/core's validatePost), plus what the form itself needs (accounts, recipients, a time).
 */
export function problemsOf(
  values: ComposerValues,
  accounts: readonly ComposerAccount[],
  now = new Date(),
  timeZone?: string,
): Problem[] {
  const problems: Problem[] = []
  if (values.accountIds.length === 0)
    problems.push({ where: 'Accounts', message: 'Choose at least one account to publish to.' })
  for (const preview of previewsOf(values, accounts)) {
    for (const issue of preview.issues) {
      const threadable =
        preview.platform === 'twitter' && issue.code === 'TEXT_TOO_LONG' && !values.xThread.on
      problems.push({
        where: preview.label,
        message: issue.message,
        ...(threadable ? { fix: 'make-thread' as const } : {}),
      })
    }
  }
  problems.push(...firstCommentProblems(values.firstComment, chosenPlatforms(values, accounts)))
  if (chosenPlatforms(values, accounts).includes('whatsapp')) {
    const recipients = parseRecipients(values.whatsappRecipients)
    if (recipients.length === 0)
      problems.push({
        where: 'WhatsApp',
        message:
          'Add at least one opted-in recipient number (country code first, e.g. 14155550101).',
      })
    const bad = recipients.filter((r) => !/^\d{6,15}$/.test(r))
    if (bad.length)
      problems.push({
        where: 'WhatsApp',
        message: `These are not phone numbers in international form: ${bad.join(', ')}.`,
      })
  }
  if (values.schedule === 'at') {
    const at = values.at ? fromLocalInput(values.at, timeZone) : null
    if (!at) problems.push({ where: 'Time', message: 'Choose the date and time to publish at.' })
    else if (at.getTime() <= now.getTime())
      problems.push({
        where: 'Time',
        message: 'That time has passed: choose a later one, or "Publish now".',
      })
  }
  return problems
}

/**
 * The form's zod schema: field shapes, then `problemsOf` as one refinement, so react-hook-form
 * refuses to submit exactly what the live checks show.
 */
export function composerSchema(accounts: readonly ComposerAccount[]) {
  return z
    .object({
      text: z.string(),
      link: z.string(),
      media: z.array(
        z.object({
          id: z.number(),
          url: z.string(),
          type: z.enum(['image', 'video', 'document']),
          altText: z.string(),
        }),
      ),
      accountIds: z.array(z.string()),
      // A platform's text field exists only once its box is ticked.
      overrides: z.record(
        z.string(),
        z.object({ enabled: z.boolean(), text: z.optional(z.string()) }),
      ),
      xThread: z.object({
        on: z.boolean(),
        numbered: z.boolean(),
        parts: z.array(z.object({ id: z.number(), text: z.string() })),
      }),
      whatsappRecipients: z.string(),
      firstComment: z.string(),
      shortenLinks: z.boolean(),
      schedule: z.enum(SCHEDULE_CHOICES),
      at: z.string(),
    })
    .check(
      z.superRefine((values, ctx) => {
        for (const problem of problemsOf(values as ComposerValues, accounts))
          ctx.addIssue({
            code: 'custom',
            path: ['root'],
            message: `${problem.where}: ${problem.message}`,
          })
      }),
    )
}

/** react-hook-form's resolver for the schema above: loaded with the rules, after first paint. */
export function composerResolver(accounts: readonly ComposerAccount[]) {
  return zodResolver(composerSchema(accounts))
}
