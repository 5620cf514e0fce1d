import {
  shortenInstruction,
  type AiChain,
  type AnswerCheck,
  type CompleteOptions,
} from './chain.js'
import type { ChatMessage, Completion } from './types.js'

/** What the composer's AI assist does to a text. */
export type AssistTask = 'rewrite' | 'hashtags' | 'shorten'
export const ASSIST_TASKS: readonly AssistTask[] = ['rewrite', 'hashtags', 'shorten']

export interface AssistInput {
  task: AssistTask
  text: string
  /** The platform's name as people know it ("X", "LinkedIn"), for its style. */
  platformName: string
  /** The platform's text limit in its own counting, when it has one. */
  maxLength?: number
}

const ASK: Record<AssistTask, (i: AssistInput) => string> = {
  rewrite: (i) =>
    `Rewrite this post for ${i.platformName}, in the style people expect there. Keep its meaning, facts and links.`,
  hashtags: (i) =>
    `Suggest up to 5 relevant hashtags for this ${i.platformName} post. Answer with the post unchanged followed by the hashtags on a last line.`,
  shorten: (i) =>
    `Shorten this ${i.platformName} post${i.maxLength ? ` to at most ${i.maxLength} characters` : ''}. Keep its meaning and links.`,
}

/** The chat messages for one assist task; the answer is the new text and nothing else. */
export function assistMessages(input: AssistInput): ChatMessage[] {
  return [
    {
      role: 'system',
      content: [
        'You help a social media manager write posts.',
        'Answer with the post text only: no quotes, no preface, no explanation.',
        input.maxLength ? `Keep it under ${input.maxLength} characters.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    },
    { role: 'user', content: `${ASK[input.task](input)}\n\nPost:\n${input.text}` },
  ]
}

/**
 * One assist answer through the tier chain, judged by `check` (the platform's own rules); over
 * the limit asks the same tier once for a shorter one, as replies do.
 */
export function assist(
  chain: AiChain,
  input: AssistInput,
  options: { check: AnswerCheck } & Pick<CompleteOptions, 'onUsage'>,
): Promise<Completion> {
  return chain.complete(
    { messages: assistMessages(input), maxTokens: 600, temperature: 0.5 },
    {
      ...options,
      shortenInstruction: shortenInstruction(input.platformName, input.maxLength),
    },
  )
}
