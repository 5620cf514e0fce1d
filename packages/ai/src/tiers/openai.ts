import OpenAI, { AzureOpenAI } from 'openai'
import { AiError, kindOfStatus, retryAfterMsOf } from '../errors.js'
import type { AiTier, AiTierName } from '../types.js'
import { abortKind } from './abort.js'

export interface OpenAiTierOptions {
  apiKey: string
  model: string
  timeoutMs: number
  /** Default `https://api.openai.com/v1`. */
  baseUrl?: string
  fetch?: typeof fetch
}

export interface AzureTierOptions {
  /** `https://<resource>.openai.azure.com/`. */
  endpoint: string
  apiKey: string
  deployment: string
  /** e.g. `2024-10-21`. */
  apiVersion: string
  timeoutMs: number
  fetch?: typeof fetch
}

/**
 * OpenAI through the official `openai` SDK: Chat Completions with `Authorization: Bearer`
 * (https://platform.openai.com/docs/api-reference/chat/create). The SDK's own retries are off:
 * the chain decides what happens after a failure, so a 429 moves on to the next tier at once.
 */
export function openAiTier(options: OpenAiTierOptions): AiTier {
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    maxRetries: 0,
    timeout: options.timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  return chatCompletionsTier('openai', client, options.model, options.timeoutMs, options.apiKey)
}

/**
 * Azure OpenAI through the SDK's `AzureOpenAI` client: the deployment in the path, `api-version`
 * in the query and the key in the `api-key` header
 * (https://learn.microsoft.com/azure/ai-services/openai/reference#chat-completions).
 */
export function azureTier(options: AzureTierOptions): AiTier {
  const client = new AzureOpenAI({
    endpoint: options.endpoint,
    apiKey: options.apiKey,
    deployment: options.deployment,
    apiVersion: options.apiVersion,
    maxRetries: 0,
    timeout: options.timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  return chatCompletionsTier('azure', client, options.deployment, options.timeoutMs, options.apiKey)
}

function chatCompletionsTier(
  name: AiTierName,
  client: OpenAI,
  model: string,
  timeoutMs: number,
  apiKey: string,
): AiTier {
  const label = name === 'azure' ? 'Azure OpenAI' : 'OpenAI'
  return {
    name,
    model,
    timeoutMs,
    async chat(request, signal) {
      try {
        const answer = await client.chat.completions.create(
          {
            model,
            messages: request.messages,
            ...(request.maxTokens ? { max_completion_tokens: request.maxTokens } : {}),
            ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          },
          { signal, timeout: timeoutMs },
        )
        const choice = answer.choices[0]
        return {
          text: choice?.message?.content ?? '',
          model: answer.model || model,
          tokensIn: answer.usage?.prompt_tokens ?? 0,
          tokensOut: answer.usage?.completion_tokens ?? 0,
          refused: Boolean(choice?.message?.refusal) || choice?.finish_reason === 'content_filter',
        }
      } catch (error) {
        if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
          const body = error.error as { message?: string } | undefined
          const retryAfterMs = retryAfterMsOf(error.headers)
          throw new AiError({
            kind: kindOfStatus(error.status),
            tier: name,
            status: error.status,
            message: scrubKey(body?.message ?? `${label} answered ${error.status}.`, apiKey),
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
            cause: error,
          })
        }
        if (abortKind(error, signal) || error instanceof OpenAI.APIConnectionTimeoutError)
          throw new AiError({
            kind: 'timeout',
            tier: name,
            message: `${label} did not answer within ${timeoutMs} ms.`,
            cause: error,
          })
        throw new AiError({
          kind: 'unavailable',
          tier: name,
          message: `${label} could not be reached: ${(error as Error).message}`,
          cause: error,
        })
      }
    },
  }
}

/** OpenAI's 401 message quotes part of the key; neither it nor the configured key may travel on. */
function scrubKey(message: string, apiKey: string): string {
  return message
    .split(apiKey)
    .join('[key]')
    .replace(/\bsk-[A-Za-z0-9_*-]{3,}/g, 'sk-[key]')
}
