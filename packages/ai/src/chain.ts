import { AiError, AllTiersFailedError } from './errors.js'
import { costOf } from './pricing.js'
import type { AiTier, AiTierName, ChatRequest, Completion, PriceTable, UsageSink } from './types.js'

/** What the chain may say; never a prompt, an answer or a key. */
export interface AiLog {
  info(fields: Record<string, unknown>, message: string): void
  warn(fields: Record<string, unknown>, message: string): void
}

export interface AiChainOptions {
  /** Tried in this order (local first keeps cost down). */
  tiers: readonly AiTier[]
  prices?: PriceTable
  /** Consecutive failures after which a tier cools down. Default 3. */
  failuresBeforeCooldown?: number
  /** How long a tier that keeps failing is left out. Default 60 s. */
  cooldownMs?: number
  log?: AiLog
  now?: () => number
}

/**
 * Judges an answer: `ok`, `too_long` (the chain asks the same tier once to shorten it) or a
 * reason it cannot be used (the chain moves on).
 */
export type AnswerCheck = (text: string) => 'ok' | 'too_long' | { unusable: string }

export interface CompleteOptions {
  check?: AnswerCheck
  /** Receives the usage of every answered call, the shortening retry included. */
  onUsage?: UsageSink
  /** The shortening instruction, e.g. "Shorten it to at most 280 characters". */
  shortenInstruction?: string
}

export interface AiChain {
  readonly tiers: readonly AiTierName[]
  complete(request: ChatRequest, options?: CompleteOptions): Promise<Completion>
  /** Which tiers are cooling down and until when (epoch ms). */
  cooling(): Partial<Record<AiTierName, number>>
}

/**
 * The fallback chain: each tier in order, with its own timeout; a tier falls through on an error,
 * a timeout, a refusal or an unusable answer (empty, or over the limit after one shortening try).
 * A tier that failed `failuresBeforeCooldown` times in a row — or answered 429 with a
 * retry-after — is skipped until its cool-down ends, so a dead server is not waited on by every
 * request.
 */
export function createAiChain(options: AiChainOptions): AiChain {
  const now = options.now ?? Date.now
  const prices = options.prices ?? {}
  const threshold = options.failuresBeforeCooldown ?? 3
  const cooldownMs = options.cooldownMs ?? 60_000
  const state = new Map<AiTierName, { failures: number; coolUntil: number }>()

  function failed(tier: AiTier, error: AiError) {
    const s = state.get(tier.name) ?? { failures: 0, coolUntil: 0 }
    s.failures += 1
    if (error.kind === 'rate_limited' && error.retryAfterMs !== undefined)
      s.coolUntil = Math.max(s.coolUntil, now() + error.retryAfterMs)
    if (s.failures >= threshold) s.coolUntil = Math.max(s.coolUntil, now() + cooldownMs)
    state.set(tier.name, s)
    options.log?.warn(
      {
        tier: tier.name,
        model: tier.model,
        kind: error.kind,
        status: error.status,
        failures: s.failures,
      },
      'AI tier failed',
    )
  }

  async function call(
    tier: AiTier,
    request: ChatRequest,
    onUsage?: UsageSink,
  ): Promise<Completion> {
    const started = now()
    const answer = await tier.chat(request, AbortSignal.timeout(tier.timeoutMs))
    const completion: Completion = {
      text: answer.text.trim(),
      tier: tier.name,
      model: answer.model,
      tokensIn: answer.tokensIn,
      tokensOut: answer.tokensOut,
      latencyMs: now() - started,
      costUsd: costOf(
        prices,
        tier.name,
        [answer.model, tier.model],
        answer.tokensIn,
        answer.tokensOut,
      ),
    }
    await onUsage?.(completion)
    options.log?.info(
      {
        tier: completion.tier,
        model: completion.model,
        tokensIn: completion.tokensIn,
        tokensOut: completion.tokensOut,
        latencyMs: completion.latencyMs,
        costUsd: completion.costUsd,
      },
      'AI tier answered',
    )
    if (answer.refused)
      throw new AiError({
        kind: 'refused',
        tier: tier.name,
        message: 'The model declined to answer.',
      })
    if (!completion.text)
      throw new AiError({
        kind: 'unusable',
        tier: tier.name,
        message: 'The model answered nothing.',
      })
    return completion
  }

  async function viaTier(
    tier: AiTier,
    request: ChatRequest,
    o: CompleteOptions,
  ): Promise<Completion> {
    const first = await call(tier, request, o.onUsage)
    const verdict = o.check?.(first.text) ?? 'ok'
    if (verdict === 'ok') return first
    if (verdict !== 'too_long')
      throw new AiError({ kind: 'unusable', tier: tier.name, message: verdict.unusable })
    const shorter = await call(
      tier,
      {
        ...request,
        messages: [
          ...request.messages,
          { role: 'assistant', content: first.text },
          {
            role: 'user',
            content: o.shortenInstruction ?? 'That is too long. Say the same, shorter.',
          },
        ],
      },
      o.onUsage,
    )
    const again = o.check?.(shorter.text) ?? 'ok'
    if (again !== 'ok')
      throw new AiError({
        kind: 'unusable',
        tier: tier.name,
        message: again === 'too_long' ? 'Still over the limit after shortening.' : again.unusable,
      })
    return {
      ...shorter,
      tokensIn: first.tokensIn + shorter.tokensIn,
      tokensOut: first.tokensOut + shorter.tokensOut,
      latencyMs: first.latencyMs + shorter.latencyMs,
      costUsd: first.costUsd + shorter.costUsd,
    }
  }

  return {
    tiers: options.tiers.map((t) => t.name),
    cooling() {
      const out: Partial<Record<AiTierName, number>> = {}
      for (const [name, s] of state) if (s.coolUntil > now()) out[name] = s.coolUntil
      return out
    },
    async complete(request, o = {}) {
      const attempts: ConstructorParameters<typeof AllTiersFailedError>[0][number][] = []
      for (const tier of options.tiers) {
        const s = state.get(tier.name)
        if (s && s.coolUntil > now()) {
          attempts.push({ tier: tier.name, skipped: 'cooling_down' })
          continue
        }
        try {
          const completion = await viaTier(tier, request, o)
          state.set(tier.name, { failures: 0, coolUntil: 0 })
          return completion
        } catch (error) {
          const aiError =
            error instanceof AiError
              ? error
              : new AiError({
                  kind: 'unavailable',
                  tier: tier.name,
                  message: (error as Error).message,
                  cause: error,
                })
          failed(tier, aiError)
          attempts.push({ tier: tier.name, error: aiError })
        }
      }
      throw new AllTiersFailedError(attempts)
    },
  }
}

/** What the one shortening try asks for: under the platform's limit when it is known. */
export function shortenInstruction(platformName: string, maxLength?: number): string {
  return maxLength
    ? `That is too long for ${platformName}. Say the same in under ${maxLength} characters.`
    : 'That is too long. Say the same, shorter.'
}
