import type { AiChain, CompleteOptions } from './chain.js'

export type Sentiment = 'positive' | 'neutral' | 'negative'
export type Intent = 'question' | 'complaint' | 'praise' | 'spam' | 'other'

export interface Triage {
  sentiment: Sentiment
  intent: Intent
  /** `rules` when cheap rules were sure enough; `model` when a tier decided. */
  by: 'rules' | 'model'
}

const SPAM = [
  /\b(free|cheap)\s+(followers|likes|crypto|bitcoin)\b/i,
  /\b(dm|message)\s+me\s+(for|to)\b/i,
  /\b(earn|make)\s+\$?\d+[k]?\s+(a|per)\s+(day|week)\b/i,
  /\bcheck\s+(out\s+)?my\s+(profile|bio|page)\b/i,
  /\b(promo\s*code|giveaway\s+winner|click\s+the\s+link)\b/i,
]
const COMPLAINT = [
  /\b(refund|broken|damaged|scam|worst|terrible|awful|useless|disappointed|unacceptable|angry|furious)\b/i,
  /\b(never|still\s+not|hasn'?t|didn'?t|not)\s+(arrived|received|working|work|delivered|answered)\b/i,
  /\b(complain|complaint|cancel\s+my)\b/i,
]
const PRAISE = [
  /\b(love|great|awesome|amazing|excellent|fantastic|thank(s| you)|brilliant|perfect)\b/i,
  /[❤😍👏🙌🔥]/u,
]
const QUESTION = [
  /\?\s*$/m,
  /^\s*(how|what|when|where|why|which|who|can|could|do|does|is|are|will|would)\b/i,
]

const count = (patterns: RegExp[], text: string) => patterns.filter((p) => p.test(text)).length

/**
 * Cheap rules first: spam, complaints, praise and questions that a pattern names clearly are
 * decided without a model call. Returns null when the rules are not sure (mixed or no signal).
 */
export function triageByRules(text: string): Triage | null {
  const t = text.trim()
  if (!t) return { sentiment: 'neutral', intent: 'other', by: 'rules' }
  if (count(SPAM, t)) return { sentiment: 'neutral', intent: 'spam', by: 'rules' }
  const complaint = count(COMPLAINT, t)
  const praise = count(PRAISE, t)
  const question = count(QUESTION, t)
  if (complaint && !praise) return { sentiment: 'negative', intent: 'complaint', by: 'rules' }
  if (praise && !complaint && !question)
    return { sentiment: 'positive', intent: 'praise', by: 'rules' }
  if (question && !complaint && !praise)
    return { sentiment: 'neutral', intent: 'question', by: 'rules' }
  return null
}

const SENTIMENTS: readonly Sentiment[] = ['positive', 'neutral', 'negative']
const INTENTS: readonly Intent[] = ['question', 'complaint', 'praise', 'spam', 'other']

/**
 * Sentiment and intent: the rules when they are sure, else one short model call answering JSON;
 * when no tier answers (or the answer is not the JSON asked for), a cautious default that a
 * person sees: neutral, other.
 */
export async function triage(
  text: string,
  chain: AiChain | null,
  options: Pick<CompleteOptions, 'onUsage'> = {},
): Promise<Triage> {
  const ruled = triageByRules(text)
  if (ruled || !chain) return ruled ?? { sentiment: 'neutral', intent: 'other', by: 'rules' }
  try {
    const answer = await chain.complete(
      {
        messages: [
          {
            role: 'system',
            content:
              'Classify the social media message. Answer only JSON: {"sentiment":"positive|neutral|negative","intent":"question|complaint|praise|spam|other"}.',
          },
          { role: 'user', content: text.slice(0, 2000) },
        ],
        maxTokens: 40,
        temperature: 0,
      },
      {
        ...options,
        check: (reply) => (parseTriage(reply) ? 'ok' : { unusable: 'not the JSON asked for' }),
      },
    )
    return { ...parseTriage(answer.text)!, by: 'model' }
  } catch {
    return { sentiment: 'neutral', intent: 'other', by: 'rules' }
  }
}

function parseTriage(text: string): Omit<Triage, 'by'> | null {
  const json = text.match(/\{[^{}]*\}/)?.[0]
  if (!json) return null
  try {
    const value = JSON.parse(json) as { sentiment?: unknown; intent?: unknown }
    if (
      SENTIMENTS.includes(value.sentiment as Sentiment) &&
      INTENTS.includes(value.intent as Intent)
    )
      return { sentiment: value.sentiment as Sentiment, intent: value.intent as Intent }
  } catch {
    return null
  }
  return null
}
