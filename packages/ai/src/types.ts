/** The three tiers the design names, in the seed's `ai_tier` spelling. */
export type AiTierName = 'ollama' | 'openai' | 'azure'

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

export interface ChatRequest {
  messages: ChatMessage[]
  /** Upper bound of the answer's tokens. */
  maxTokens?: number
  temperature?: number
}

/** What one tier answered. */
export interface TierAnswer {
  text: string
  model: string
  tokensIn: number
  tokensOut: number
  /** The model declined (OpenAI's `refusal`, a `content_filter` finish). */
  refused?: boolean
}

/** One model server behind the chain. */
export interface AiTier {
  readonly name: AiTierName
  /** The model (or Azure deployment) it asks; recorded with usage. */
  readonly model: string
  /** How long one call may take before the chain moves on. */
  readonly timeoutMs: number
  chat(request: ChatRequest, signal: AbortSignal): Promise<TierAnswer>
}

/** US dollars per million tokens, in and out. */
export interface ModelPrice {
  inputPerMillion: number
  outputPerMillion: number
}

/** `tier` → `model` → price; `*` matches any model of the tier. Missing: free (a local model). */
export type PriceTable = Partial<Record<AiTierName, Record<string, ModelPrice>>>

/** A completed call: the answer and what it cost. */
export interface Completion {
  text: string
  tier: AiTierName
  model: string
  tokensIn: number
  tokensOut: number
  latencyMs: number
  costUsd: number
}

/** Written for every answered call (also a shortening retry); never the prompt or the key. */
export type UsageSink = (usage: Completion) => void | Promise<void>
