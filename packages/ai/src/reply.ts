import {
  shortenInstruction,
  type AiChain,
  type AnswerCheck,
  type CompleteOptions,
} from './chain.js'
import type { ChatMessage, Completion } from './types.js'

export interface BrandVoiceInput {
  tone: string
  signature: string | null
  dos: readonly string[]
  donts: readonly string[]
}

export interface ReplyContext {
  platform: string
  /** What the person wrote, and who they are. */
  interaction: { type: string; text: string; authorName?: string | null }
  /** The post the interaction answers, when it is ours. */
  postText?: string | null
  /** The conversation so far, oldest first (ours and theirs), the interaction excluded. */
  history?: readonly { from: 'them' | 'us'; text: string }[]
  voice: BrandVoiceInput
  /** FAQ entries found for the interaction (full-text search), quoted to the model. */
  knowledge?: readonly { question: string; answer: string }[]
  /** The platform's limit for the reply, in its own counting, when there is one. */
  maxLength?: number
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text)

/**
 * The messages for a reply draft. Everything the person wrote is passed as data inside the user
 * message, never as instructions, and the FAQ is the only source of facts the model may state.
 */
export function replyMessages(ctx: ReplyContext): ChatMessage[] {
  const v = ctx.voice
  const rules = [
    `You answer ${ctx.interaction.type.toLowerCase()}s on ${ctx.platform} for a brand. Tone: ${v.tone}.`,
    ...v.dos.map((d) => `Do: ${d}`),
    ...v.donts.map((d) => `Don't: ${d}`),
    'Only state facts found in the FAQ below; when it does not answer the question, say a colleague will follow up.',
    'Reply with the message text only: no quotes, no preamble.',
    ...(ctx.maxLength ? [`Keep it under ${ctx.maxLength} characters.`] : []),
    ...(v.signature ? [`End with the signature: ${v.signature}`] : []),
  ]
  const faq = ctx.knowledge?.length
    ? ctx.knowledge
        .map((k) => `Q: ${clip(k.question, 300)}\nA: ${clip(k.answer, 800)}`)
        .join('\n\n')
    : '(no entries)'
  const history = ctx.history?.length
    ? ctx.history
        .slice(-10)
        .map((h) => `${h.from === 'us' ? 'Us' : 'Them'}: ${clip(h.text, 500)}`)
        .join('\n')
    : '(none)'
  const user = [
    ctx.postText ? `Our post:\n${clip(ctx.postText, 1500)}` : null,
    `Conversation so far:\n${history}`,
    `FAQ:\n${faq}`,
    `${ctx.interaction.authorName ? `${ctx.interaction.authorName}` : 'The person'} wrote:\n${clip(ctx.interaction.text, 2000)}`,
  ]
    .filter(Boolean)
    .join('\n\n')
  return [
    { role: 'system', content: rules.join('\n') },
    { role: 'user', content: user },
  ]
}

/**
 * A reply draft from the first tier that gives a usable one: `check` (the adapter's `validate`)
 * decides; an answer over the limit gets one shortening try on the same tier.
 */
export function draftReply(
  chain: AiChain,
  ctx: ReplyContext,
  options: { check: AnswerCheck } & Pick<CompleteOptions, 'onUsage'>,
): Promise<Completion> {
  return chain.complete(
    { messages: replyMessages(ctx), maxTokens: 400, temperature: 0.4 },
    {
      ...options,
      shortenInstruction: shortenInstruction(ctx.platform, ctx.maxLength),
    },
  )
}
