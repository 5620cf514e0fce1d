export type {
  AiTier,
  AiTierName,
  ChatMessage,
  ChatRequest,
  Completion,
  ModelPrice,
  PriceTable,
  TierAnswer,
  UsageSink,
} from './types.js'
export type { AiErrorKind } from './errors.js'
export { AiError, AllTiersFailedError, retryAfterMsOf } from './errors.js'
export type { AiChain, AiChainOptions, AiLog, AnswerCheck, CompleteOptions } from './chain.js'
export { createAiChain } from './chain.js'
export { costOf } from './pricing.js'
export type { AiSettings } from './config.js'
export { AiConfigError, DEFAULT_PRICES, aiChainFromSettings, loadAiSettings } from './config.js'
export type { OllamaTierOptions } from './tiers/ollama.js'
export { ollamaTier } from './tiers/ollama.js'
export type { AzureTierOptions, OpenAiTierOptions } from './tiers/openai.js'
export { azureTier, openAiTier } from './tiers/openai.js'
export type { Intent, Sentiment, Triage } from './triage.js'
export { triage, triageByRules } from './triage.js'
export type { BrandVoiceInput, ReplyContext } from './reply.js'
export { draftReply, replyMessages } from './reply.js'
export type { AssistInput, AssistTask } from './assist.js'
export { ASSIST_TASKS, assist, assistMessages } from './assist.js'
