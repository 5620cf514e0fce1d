import type { SimResponse } from '@statex/testkit/simulator'
import { graphError, invalidParameter, requiredParameter } from './graph-errors.js'

/** The `type`s of `POST /{Version}/{Phone-Number-ID}/messages` (MessageRequest.type in the spec). */
const TYPES = [
  'text',
  'image',
  'audio',
  'video',
  'document',
  'location',
  'contacts',
  'template',
  'interactive',
  'reaction',
  'sticker',
] as const
export type MessageType = (typeof TYPES)[number]
const MEDIA_TYPES = new Set<string>(['image', 'audio', 'video', 'document', 'sticker'])
const CAPTIONED = new Set<string>(['image', 'video', 'document'])

export interface ValidMessage {
  to: string
  type: MessageType
  body: Record<string, unknown>
  /** The text a person would read: body, caption or `[template name]`. */
  text: string
  contextMessageId?: string
  template?: { name: string; language: string }
  mediaId?: string
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value)
const length = (value: string) => [...value].length

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

function validateMedia(
  type: string,
  media: Record<string, unknown>,
  knownMedia: (id: string) => boolean,
): SimResponse | { text: string; mediaId?: string } {
  const hasId = media.id !== undefined
  const hasLink = media.link !== undefined
  if (!hasId && !hasLink)
    return invalidParameter(
      `Either ${type}['id'] or ${type}['link'] must be provided.`,
      `(#100) The parameter ${type}['id'] or ${type}['link'] is required.`,
    )
  if (hasId && hasLink)
    return invalidParameter(`Only one of ${type}['id'] or ${type}['link'] may be provided.`)
  if (hasLink && (typeof media.link !== 'string' || !isHttpUrl(media.link))) {
    return invalidParameter(`Param ${type}['link'] must be a valid http(s) URL.`)
  }
  if (hasId && (typeof media.id !== 'string' || !knownMedia(media.id))) {
    return graphError({
      status: 400,
      code: 131009,
      message: '(#131009) Parameter value is not valid',
      details: `Media id ${String(media.id)} is not a valid uploaded media for this phone number.`,
    })
  }
  if (media.caption !== undefined) {
    if (!CAPTIONED.has(type))
      return invalidParameter(`Param ${type}['caption'] is not supported for ${type} messages.`)
    if (typeof media.caption !== 'string')
      return invalidParameter(`Param ${type}['caption'] must be a string.`)
    if (length(media.caption) > 1024)
      return invalidParameter(`Param ${type}['caption'] must be at most 1024 characters long.`)
  }
  if (media.filename !== undefined && type !== 'document')
    return invalidParameter(`Param ${type}['filename'] is only supported for documents.`)
  const caption = typeof media.caption === 'string' ? media.caption : ''
  const label = `[${type}${typeof media.filename === 'string' ? `: ${media.filename}` : ''}]`
  return { text: caption || label, ...(typeof media.id === 'string' ? { mediaId: media.id } : {}) }
}

/**
 * Checks a send request the way the Cloud API does, answering the first problem with Meta's
 * error envelope. `knownTemplate` and `knownMedia` stand in for WhatsApp Manager and uploads.
 */
export function validateSendBody(
  raw: unknown,
  lookups: {
    knownMedia: (id: string) => boolean
    knownTemplate: (name: string, language: string) => boolean
  },
): SimResponse | ValidMessage {
  if (!isObject(raw)) return invalidParameter('The request body must be a JSON object.')
  if (raw.messaging_product === undefined) return requiredParameter('messaging_product')
  if (raw.messaging_product !== 'whatsapp') {
    return invalidParameter(
      `Param messaging_product must be one of {WHATSAPP} - got "${String(raw.messaging_product)}".`,
    )
  }
  if (
    raw.recipient_type !== undefined &&
    raw.recipient_type !== 'individual' &&
    raw.recipient_type !== 'group'
  ) {
    return invalidParameter(
      `Param recipient_type must be one of {INDIVIDUAL, GROUP} - got "${String(raw.recipient_type)}".`,
    )
  }
  if (raw.to === undefined || raw.to === '') return requiredParameter('to')
  if (typeof raw.to !== 'string' || !/^\+?\d{6,15}$/.test(raw.to.trim())) {
    return graphError({
      status: 400,
      code: 131009,
      message: '(#131009) Parameter value is not valid',
      details: `Param to ("${String(raw.to)}") is not a valid WhatsApp phone number.`,
    })
  }
  // The spec's "Send Text Message with Preview URL" example omits `type`: text is the default.
  const type = raw.type === undefined ? 'text' : raw.type
  if (typeof type !== 'string' || !(TYPES as readonly string[]).includes(type)) {
    return invalidParameter(
      `Param type must be one of {${TYPES.join(', ').toUpperCase()}} - got "${String(type)}".`,
    )
  }
  for (const other of TYPES) {
    if (
      other !== type &&
      raw[other] !== undefined &&
      !(other === 'contacts' && type === 'contacts')
    ) {
      return invalidParameter(`Unexpected key "${other}" on a message of type ${type}.`)
    }
  }
  const payload = raw[type]
  if (!isObject(payload) && !(type === 'contacts' && Array.isArray(payload)))
    return requiredParameter(type)
  let contextMessageId: string | undefined
  if (raw.context !== undefined) {
    if (
      !isObject(raw.context) ||
      typeof raw.context.message_id !== 'string' ||
      !raw.context.message_id
    ) {
      return requiredParameter("context['message_id']")
    }
    contextMessageId = raw.context.message_id
  }
  const base = {
    to: raw.to.trim().replace(/^\+/, ''),
    type: type as MessageType,
    body: raw,
    ...(contextMessageId ? { contextMessageId } : {}),
  }
  const object = payload as Record<string, unknown>

  if (type === 'text') {
    if (typeof object.body !== 'string' || !object.body.trim())
      return requiredParameter("text['body']")
    if (length(object.body) > 4096)
      return invalidParameter("Param text['body'] must be at most 4096 characters long.")
    if (object.preview_url !== undefined && typeof object.preview_url !== 'boolean')
      return invalidParameter("Param text['preview_url'] must be a boolean.")
    return { ...base, text: object.body }
  }
  if (MEDIA_TYPES.has(type)) {
    const media = validateMedia(type, object, lookups.knownMedia)
    return 'status' in media ? media : { ...base, ...media }
  }
  if (type === 'template') {
    if (typeof object.name !== 'string' || !object.name)
      return requiredParameter("template['name']")
    const language = object.language
    if (!isObject(language)) return requiredParameter("template['language']")
    if (typeof language.code !== 'string' || !language.code)
      return requiredParameter("template['language']['code']")
    if (object.components !== undefined && !Array.isArray(object.components))
      return invalidParameter("Param template['components'] must be an array.")
    if (!lookups.knownTemplate(object.name, language.code)) {
      return graphError({
        status: 404,
        code: 132001,
        message: '(#132001) Template name does not exist in the translation',
        details: `template name (${object.name}) does not exist in ${language.code}`,
      })
    }
    return {
      ...base,
      text: `[template ${object.name} (${language.code})]`,
      template: { name: object.name, language: language.code },
    }
  }
  if (type === 'reaction') {
    if (typeof object.message_id !== 'string' || !object.message_id)
      return requiredParameter("reaction['message_id']")
    if (typeof object.emoji !== 'string') return requiredParameter("reaction['emoji']")
    return { ...base, text: `[reaction ${object.emoji}]` }
  }
  return { ...base, text: `[${type}]` }
}
