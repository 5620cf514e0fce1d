import { z } from 'zod'

/**
 * Zod schemas for the parts of Bot API answers the adapter reads (Bot API 10.1,
 * https://core.telegram.org/bots/api#available-types). Unknown fields are kept out of the typed
 * result; the raw object travels on `Interaction.raw`.
 */

export const UserSchema = z.object({
  id: z.number(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
})
export type TelegramUser = z.infer<typeof UserSchema>

export const ChatSchema = z.object({
  id: z.number(),
  // "private", "group", "supergroup" or "channel" today; a new type must not fail a sent message.
  type: z.string(),
  title: z.string().optional(),
  username: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
})
export type TelegramChat = z.infer<typeof ChatSchema>

export const MessageEntitySchema = z.object({
  type: z.string(),
  offset: z.number(),
  length: z.number(),
  user: UserSchema.optional(),
})

const MessageOriginSchema = z.object({
  type: z.string(),
  date: z.number(),
  chat: ChatSchema.optional(),
  message_id: z.number().optional(),
})

const BaseMessageSchema = z.object({
  message_id: z.number(),
  message_thread_id: z.number().optional(),
  from: UserSchema.optional(),
  sender_chat: ChatSchema.optional(),
  date: z.number(),
  chat: ChatSchema,
  forward_origin: MessageOriginSchema.optional(),
  is_automatic_forward: z.boolean().optional(),
  media_group_id: z.string().optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(MessageEntitySchema).optional(),
  caption_entities: z.array(MessageEntitySchema).optional(),
})

export const MessageSchema = BaseMessageSchema.extend({
  // Telegram nests one level only: "the Message object in this field will not contain further
  // reply_to_message fields even if it itself is a reply".
  reply_to_message: BaseMessageSchema.optional(),
})
export type TelegramMessage = z.infer<typeof MessageSchema>

const ReactionTypeSchema = z.object({
  type: z.string(),
  emoji: z.string().optional(),
  custom_emoji_id: z.string().optional(),
})

export const MessageReactionUpdatedSchema = z.object({
  chat: ChatSchema,
  message_id: z.number(),
  user: UserSchema.optional(),
  actor_chat: ChatSchema.optional(),
  date: z.number(),
  old_reaction: z.array(ReactionTypeSchema),
  new_reaction: z.array(ReactionTypeSchema),
})
export type TelegramMessageReaction = z.infer<typeof MessageReactionUpdatedSchema>

export const UpdateSchema = z.object({
  update_id: z.number(),
  message: MessageSchema.optional(),
  edited_message: MessageSchema.optional(),
  channel_post: MessageSchema.optional(),
  edited_channel_post: MessageSchema.optional(),
  message_reaction: MessageReactionUpdatedSchema.optional(),
})
export type TelegramUpdate = z.infer<typeof UpdateSchema>

export const WebhookInfoSchema = z.object({
  url: z.string(),
  has_custom_certificate: z.boolean(),
  pending_update_count: z.number(),
  last_error_date: z.number().optional(),
  last_error_message: z.string().optional(),
  allowed_updates: z.array(z.string()).optional(),
})
export type TelegramWebhookInfo = z.infer<typeof WebhookInfoSchema>

export const ResponseParametersSchema = z.object({
  migrate_to_chat_id: z.number().optional(),
  retry_after: z.number().optional(),
})

/** The error envelope: `{ ok: false, error_code, description, parameters? }`. */
export const ErrorEnvelopeSchema = z.object({
  ok: z.literal(false),
  error_code: z.number().optional(),
  description: z.string().optional(),
  parameters: ResponseParametersSchema.optional(),
})

export function okEnvelope<T extends z.ZodType>(result: T) {
  return z.object({ ok: z.literal(true), result })
}
