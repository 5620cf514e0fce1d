import type { Post } from '@statex/api-client'
import { threadSuffix, type Platform } from '@statex/core'
import { isEditable } from '@/lib/editable'
import { toLocalInput } from '@/lib/local-input'
import type { EditPostInput } from '@/lib/queries/posts'
import { bodyOf } from './composer-body'
import {
  NO_THREAD,
  type ComposerAccount,
  type ComposerValues,
  type XThread,
} from './composer-values'

// An existing post as the composer's values, and the composer's values as an edit (PATCH) of it.
// The body is built by the composer's own bodyOf; this only maps it onto what PATCH takes.

export type PostTarget = Post['targets'][number]

// What the form owns of the content and of an override; any other field (a poll, a platform's
// options set through the API) is kept as it is.
const FORM_CONTENT = ['text', 'link', 'media', 'firstComment'] as const
const FORM_OVERRIDE = ['text', 'thread', 'firstComment'] as const

function without(record: Record<string, unknown> | null, keys: readonly string[]) {
  return Object.fromEntries(Object.entries(record ?? {}).filter(([key]) => !keys.includes(key)))
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '')

/** X's stored thread as the editor's parts; " i/N" endings on every part mean it was numbered. */
export function threadOf(first: string, rest: readonly { text?: unknown }[]): XThread {
  const texts = [first, ...rest.map((part) => str(part.text))]
  const numbered = texts.every((text, i) => text.endsWith(threadSuffix(i, texts.length)))
  return {
    on: true,
    numbered,
    parts: texts.map((text, i) => ({
      id: i + 1,
      text: numbered ? text.slice(0, -threadSuffix(i, texts.length).length) : text,
    })),
  }
}

/** The form's values for `post`: its editable targets chosen, its time in `timeZone`. */
export function valuesFromPost(post: Post, timeZone?: string, now = new Date()): ComposerValues {
  const content = post.content
  const editable = post.targets.filter(isEditable)
  const overrides: ComposerValues['overrides'] = {}
  let xThread = NO_THREAD
  for (const target of editable) {
    const platform = target.platform as Platform
    const own = target.contentOverride
    if (!own || overrides[platform] || (platform === 'twitter' && xThread.on)) continue
    const thread = Array.isArray(own.thread) ? (own.thread as { text?: unknown }[]) : []
    if (platform === 'twitter' && thread.length > 0) xThread = threadOf(str(own.text), thread)
    else if (typeof own.text === 'string') overrides[platform] = { enabled: true, text: own.text }
  }
  const media = Array.isArray(content.media) ? (content.media as Record<string, unknown>[]) : []
  const options = content.options as { whatsapp?: { recipients?: string[] } } | undefined
  const at = post.scheduledAt ? new Date(post.scheduledAt) : null
  return {
    text: str(content.text),
    link: str(content.link),
    media: media.map((item, i) => ({
      id: i + 1,
      url: str(item.url),
      type: item.type === 'video' || item.type === 'document' ? item.type : 'image',
      altText: str(item.altText),
    })),
    accountIds: [...new Set(editable.map((t) => t.accountId))],
    overrides,
    xThread,
    whatsappRecipients: (options?.whatsapp?.recipients ?? []).join(', '),
    firstComment: str(content.firstComment),
    // Links were shortened (or not) when the post was created; an edit keeps them as they are.
    shortenLinks: false,
    schedule: at ? 'keep' : 'draft',
    // A time still ahead is the one to change; a passed one (a failed post) starts afresh.
    at: at && at.getTime() > now.getTime() ? toLocalInput(at, timeZone) : '',
  }
}

/**
 * The PATCH /v1/posts/:id body for the form's values: the shared content, each editable
 * account's override (null clears one), and the time. `publishNow`: the time is "now", which is
 * the publish route's, sent after the edit.
 */
export function editBodyOf(
  values: ComposerValues,
  post: Post,
  accounts: readonly ComposerAccount[],
): { body: EditPostInput; publishNow: boolean } {
  const created = bodyOf(values, accounts)
  const before = post.content
  // Media the form does not show (a file's name, size and type from the upload) stay with their URL.
  const kept = new Map(
    (Array.isArray(before.media) ? (before.media as Record<string, unknown>[]) : []).map((item) => [
      item.url,
      without(item, ['url', 'type', 'altText']),
    ]),
  )
  const media = created.content.media?.map((item) => ({ ...kept.get(item.url), ...item }))
  const options = { ...(before.options as object | undefined), ...created.content.options }
  const content = {
    ...without(before, FORM_CONTENT),
    ...created.content,
    ...(media ? { media } : {}),
    ...(Object.keys(options).length ? { options } : {}),
  } as EditPostInput['content']
  const overrides: NonNullable<EditPostInput['overrides']> = {}
  for (const target of post.targets.filter(isEditable)) {
    const computed = created.targets.find((t) => t.accountId === target.accountId)?.override
    const override = { ...without(target.contentOverride, FORM_OVERRIDE), ...computed }
    overrides[target.accountId] = Object.keys(override).length ? override : null
  }
  const schedule = values.schedule
  const at = created.schedule?.type === 'at' ? created.schedule.at : undefined
  const body: EditPostInput = {
    content,
    overrides,
    ...(schedule === 'at' && at ? { scheduledAt: at, timeZone: created.timeZone } : {}),
    ...(schedule === 'draft' && post.scheduledAt !== null ? { scheduledAt: null } : {}),
  }
  return { body, publishNow: schedule === 'now' }
}
