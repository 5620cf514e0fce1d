import { CONTENT_RULES, validatePost, type PostDraft, type ValidationIssue } from '@statex/core'
import { MEDIA_ID_SCHEME } from './messages.js'

/** E.164 as WhatsApp takes it in `to`: country code and number, 8–15 digits, an optional `+`. */
const E164 = /^\+?[1-9]\d{7,14}$/

/** The digits that identify a recipient, so `+16505551234` and `16505551234` count as one. */
export function recipientKey(recipient: string): string {
  return recipient.trim().replace(/^\+/, '')
}

/**
 * Every problem a WhatsApp post has, at once: the shared content rules plus recipients and template.
 */
export function validateWhatsAppPost(post: PostDraft): ValidationIssue[] {
  const options = post.options?.whatsapp
  const template = options?.template
  let issues = validatePost(post, CONTENT_RULES.whatsapp)
  // An uploaded media id is not an http(s) URL, and it need not be.
  issues = issues.filter((issue) => {
    const match = /^media\[(\d+)\]\.url$/.exec(issue.path)
    return !(match && post.media?.[Number(match[1])]?.url.startsWith(MEDIA_ID_SCHEME))
  })
  // A template carries its own text; the post text may stay empty.
  if (template) issues = issues.filter((issue) => issue.code !== 'EMPTY_POST')

  const recipients = options?.recipients
  if (!recipients || recipients.length === 0) {
    issues.push({
      path: 'options.whatsapp.recipients',
      code: 'OPTION_INVALID',
      message:
        'Add at least one recipient: the phone numbers (E.164, e.g. +16505551234) of contacts who opted in to your messages.',
    })
  } else {
    const seen = new Map<string, number>()
    recipients.forEach((recipient, i) => {
      const path = `options.whatsapp.recipients[${i}]`
      const value = typeof recipient === 'string' ? recipient.trim() : ''
      if (!E164.test(value)) {
        issues.push({
          path,
          code: 'OPTION_INVALID',
          message: `Recipient ${i + 1} ("${String(recipient)}") is not an international phone number: write the country code and number as 8–15 digits, optionally starting with +, without spaces, dashes or a leading 0 (e.g. +16505551234).`,
        })
        return
      }
      const key = recipientKey(value)
      const first = seen.get(key)
      if (first !== undefined) {
        issues.push({
          path,
          code: 'OPTION_INVALID',
          message: `Recipient ${i + 1} (${value}) repeats recipient ${first + 1}; remove it so the contact gets the message once.`,
        })
      } else seen.set(key, i)
    })
  }

  if (template) {
    if (typeof template.name !== 'string' || !template.name.trim()) {
      issues.push({
        path: 'options.whatsapp.template.name',
        code: 'OPTION_INVALID',
        message:
          'Give the name of an approved message template exactly as WhatsApp Manager shows it (e.g. hello_world).',
      })
    }
    if (typeof template.language !== 'string' || !template.language.trim()) {
      issues.push({
        path: 'options.whatsapp.template.language',
        code: 'OPTION_INVALID',
        message: 'Give the language code the template was approved in (e.g. en_US).',
      })
    }
    if (template.components !== undefined && !Array.isArray(template.components)) {
      issues.push({
        path: 'options.whatsapp.template.components',
        code: 'OPTION_INVALID',
        message:
          'Template components must be a list, as the Cloud API takes them: [{ type: "body", parameters: [...] }].',
      })
    }
    if (post.media?.length) {
      issues.push({
        path: 'media',
        code: 'OPTION_INVALID',
        message:
          "A template message cannot carry attached media: put the image in the template's header component, or remove the media.",
      })
    }
  }
  return issues
}
