import { CONTENT_RULES, composeText, type MediaItem, type PostDraft } from '@statex/core'
import type { OutgoingMessage } from './client.js'

/**
 * A media item whose `url` is `whatsapp-media:<id>` is sent by the id of a file uploaded with
 * `uploadMedia`, instead of by link (Meta then does not download the link once per recipient).
 */
export const MEDIA_ID_SCHEME = 'whatsapp-media:'

/** The `url` to put in a MediaItem for media uploaded with `uploadMedia`. */
export function mediaIdUrl(id: string): string {
  return `${MEDIA_ID_SCHEME}${id}`
}

function fileNameOf(media: MediaItem): string | undefined {
  if (media.fileName) return media.fileName
  if (media.url.startsWith(MEDIA_ID_SCHEME)) return undefined
  try {
    const last = new URL(media.url).pathname.split('/').filter(Boolean).pop()
    return last ? decodeURIComponent(last) : undefined
  } catch {
    return undefined
  }
}

function mediaObject(media: MediaItem, caption: string): Record<string, unknown> {
  const source = media.url.startsWith(MEDIA_ID_SCHEME)
    ? { id: media.url.slice(MEDIA_ID_SCHEME.length) }
    : { link: media.url }
  const object: Record<string, unknown> = { ...source }
  if (caption.trim()) object.caption = caption
  if (media.type === 'document') {
    const fileName = fileNameOf(media)
    if (fileName) object.filename = fileName
  }
  return object
}

/**
 * The body of one message of a broadcast, in the Cloud API's shape: a template when the post
 * names one, else one media item with the text as caption, else text (link appended).
 */
export function buildMessage(post: PostDraft, to: string): OutgoingMessage {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to } as const
  const options = post.options?.whatsapp
  const template = options?.template
  if (template) {
    const body: Record<string, unknown> = {
      name: template.name,
      language: { code: template.language },
    }
    if (template.components?.length) body.components = template.components
    return { ...base, type: 'template', template: body }
  }
  const text = composeText(post.text ?? '', post.link, CONTENT_RULES.whatsapp)
  const media = post.media?.[0]
  if (media) return { ...base, type: media.type, [media.type]: mediaObject(media, text) }
  // Meta's default is no preview; a post with a link asks for one unless told otherwise.
  const previewUrl = options?.previewUrl ?? post.link !== undefined
  return { ...base, type: 'text', text: { preview_url: previewUrl, body: text } }
}

/** A text reply, quoting the message it answers (`context.message_id`) when there is one to quote. */
export function buildReply(
  to: string,
  messageId: string | undefined,
  text: string,
): OutgoingMessage {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'text',
    ...(messageId ? { context: { message_id: messageId } } : {}),
    text: { preview_url: false, body: text },
  }
}
