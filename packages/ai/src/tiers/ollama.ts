import { Ollama } from 'ollama'
import { AiError, kindOfStatus } from '../errors.js'
import type { AiTier } from '../types.js'
import { abortKind } from './abort.js'

export interface OllamaTierOptions {
  /** e.g. `http://127.0.0.1:11434`. */
  host: string
  model: string
  timeoutMs: number
  fetch?: typeof fetch
}

/**
 * Ollama through the official `ollama` client: `POST /api/chat` with `stream: false`
 * (https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion). Tokens are
 * `prompt_eval_count` and `eval_count`.
 */
export function ollamaTier(options: OllamaTierOptions): AiTier {
  const baseFetch = options.fetch ?? fetch
  return {
    name: 'ollama',
    model: options.model,
    timeoutMs: options.timeoutMs,
    async chat(request, signal) {
      // The client has no per-call signal; a fetch bound to this call's signal gives it one.
      const client = new Ollama({
        host: options.host,
        fetch: ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
          baseFetch(input, { ...init, signal })) as typeof fetch,
      })
      try {
        const answer = await client.chat({
          model: options.model,
          messages: request.messages,
          stream: false,
          options: {
            ...(request.maxTokens ? { num_predict: request.maxTokens } : {}),
            ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          },
        })
        return {
          text: answer.message?.content ?? '',
          model: answer.model || options.model,
          tokensIn: answer.prompt_eval_count ?? 0,
          tokensOut: answer.eval_count ?? 0,
        }
      } catch (error) {
        const aborted = abortKind(error, signal)
        if (aborted)
          throw new AiError({
            kind: aborted,
            tier: 'ollama',
            message: `Ollama did not answer within ${options.timeoutMs} ms.`,
            cause: error,
          })
        const status = (error as { status_code?: unknown }).status_code
        if (typeof status === 'number')
          throw new AiError({
            kind: kindOfStatus(status),
            tier: 'ollama',
            status,
            message: (error as { error?: string }).error ?? `Ollama answered ${status}.`,
            cause: error,
          })
        throw new AiError({
          kind: 'unavailable',
          tier: 'ollama',
          message: `Ollama could not be reached: ${(error as Error).message}`,
          cause: error,
        })
      }
    },
  }
}
