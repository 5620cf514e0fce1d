import { z } from 'zod'
import { createAiChain, type AiChain, type AiLog } from './chain.js'
import { ollamaTier } from './tiers/ollama.js'
import { azureTier, openAiTier } from './tiers/openai.js'
import type { AiTier, AiTierName, PriceTable } from './types.js'

const ms = z.coerce
  .number()
  .int()
  .min(100, 'must be at least 100 ms')
  .max(600_000, 'must be at most 600000 ms')
const empty = (v: unknown) => (v === '' ? undefined : v)
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(empty, schema.optional())

const Price = z.object({
  inputPerMillion: z.number().min(0),
  outputPerMillion: z.number().min(0),
})

const EnvSchema = z.object({
  AI_TIERS: opt(
    z
      .string()
      .regex(
        /^(ollama|openai|azure)(,(ollama|openai|azure))*$/,
        'must list tiers in order, e.g. "ollama,openai,azure"',
      ),
  ),
  OLLAMA_URL: opt(z.url('must be a URL such as http://127.0.0.1:11434')),
  OLLAMA_MODEL: opt(z.string().min(1)),
  OLLAMA_TIMEOUT_MS: opt(ms),
  OPENAI_API_KEY: opt(z.string().min(1)),
  OPENAI_MODEL: opt(z.string().min(1)),
  OPENAI_BASE_URL: opt(z.url()),
  OPENAI_TIMEOUT_MS: opt(ms),
  AZURE_OPENAI_ENDPOINT: opt(z.url('must be https://<resource>.openai.azure.com/')),
  AZURE_OPENAI_API_KEY: opt(z.string().min(1)),
  AZURE_OPENAI_DEPLOYMENT: opt(z.string().min(1)),
  AZURE_OPENAI_API_VERSION: opt(
    z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'must look like 2024-10-21'),
  ),
  AZURE_OPENAI_TIMEOUT_MS: opt(ms),
  /** JSON: { "openai": { "gpt-4o-mini": { "inputPerMillion": 0.15, "outputPerMillion": 0.6 } } } */
  AI_PRICES: opt(z.string()),
  AI_COOLDOWN_MS: opt(ms),
})

export interface AiSettings {
  /** In the order they are tried; only configured tiers. */
  readonly tiers: readonly AiTier[]
  readonly prices: PriceTable
  readonly cooldownMs: number
  /** Tiers named in AI_TIERS but not configured, with what to set. */
  readonly skipped: readonly { tier: AiTierName; missing: string }[]
}

export class AiConfigError extends Error {
  override readonly name = 'AiConfigError'
  constructor(readonly problems: string[]) {
    super(`AI settings are invalid:\n- ${problems.join('\n- ')}`)
  }
}

/** The default prices in US dollars per million tokens; AI_PRICES overrides them per model. */
export const DEFAULT_PRICES: PriceTable = {
  openai: {
    'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
    'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  },
}

/**
 * Reads the AI tiers from the environment once (the apps' `loadConfig` calls it): every problem at
 * once, and a tier that lacks settings is left out and said so. `sandboxUrl` makes Ollama the
 * sandbox's Ollama-compatible endpoint when no tier is configured.
 */
export function loadAiSettings(
  env: Record<string, string | undefined>,
  options: { fetch?: typeof fetch; sandboxUrl?: string } = {},
): AiSettings {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success)
    throw new AiConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
  const e = parsed.data
  const problems: string[] = []
  let prices: PriceTable = DEFAULT_PRICES
  if (e.AI_PRICES) {
    try {
      const table = z
        .record(z.enum(['ollama', 'openai', 'azure']), z.record(z.string(), Price))
        .parse(JSON.parse(e.AI_PRICES))
      prices = { ...DEFAULT_PRICES, ...table }
    } catch {
      problems.push(
        'AI_PRICES: must be JSON like {"openai":{"gpt-4o-mini":{"inputPerMillion":0.15,"outputPerMillion":0.6}}}',
      )
    }
  }
  const fetchOpt = options.fetch ? { fetch: options.fetch } : {}
  const ollamaUrl =
    e.OLLAMA_URL ??
    (options.sandboxUrl && !e.OPENAI_API_KEY && !e.AZURE_OPENAI_API_KEY
      ? options.sandboxUrl
      : undefined)
  const build: Record<AiTierName, () => AiTier | string> = {
    ollama: () =>
      ollamaUrl
        ? ollamaTier({
            host: ollamaUrl,
            model: e.OLLAMA_MODEL ?? 'llama3.2',
            timeoutMs: e.OLLAMA_TIMEOUT_MS ?? 20_000,
            ...fetchOpt,
          })
        : 'OLLAMA_URL',
    openai: () =>
      e.OPENAI_API_KEY
        ? openAiTier({
            apiKey: e.OPENAI_API_KEY,
            model: e.OPENAI_MODEL ?? 'gpt-4o-mini',
            timeoutMs: e.OPENAI_TIMEOUT_MS ?? 15_000,
            ...(e.OPENAI_BASE_URL ? { baseUrl: e.OPENAI_BASE_URL } : {}),
            ...fetchOpt,
          })
        : 'OPENAI_API_KEY',
    azure: () => {
      const missing = (
        [
          ['AZURE_OPENAI_ENDPOINT', e.AZURE_OPENAI_ENDPOINT],
          ['AZURE_OPENAI_API_KEY', e.AZURE_OPENAI_API_KEY],
          ['AZURE_OPENAI_DEPLOYMENT', e.AZURE_OPENAI_DEPLOYMENT],
        ] as const
      )
        .filter(([, v]) => !v)
        .map(([k]) => k)
      if (missing.length === 3) return missing.join(', ')
      if (missing.length) {
        problems.push(`Azure OpenAI needs ${missing.join(', ')} as well (or none of its settings).`)
        return missing.join(', ')
      }
      return azureTier({
        endpoint: e.AZURE_OPENAI_ENDPOINT!,
        apiKey: e.AZURE_OPENAI_API_KEY!,
        deployment: e.AZURE_OPENAI_DEPLOYMENT!,
        apiVersion: e.AZURE_OPENAI_API_VERSION ?? '2024-10-21',
        timeoutMs: e.AZURE_OPENAI_TIMEOUT_MS ?? 15_000,
        ...fetchOpt,
      })
    },
  }
  const order = (e.AI_TIERS?.split(',') ?? ['ollama', 'openai', 'azure']) as AiTierName[]
  const tiers: AiTier[] = []
  const skipped: { tier: AiTierName; missing: string }[] = []
  for (const name of new Set(order)) {
    const tier = build[name]()
    if (typeof tier === 'string') skipped.push({ tier: name, missing: tier })
    else tiers.push(tier)
  }
  if (problems.length) throw new AiConfigError(problems)
  return Object.freeze({ tiers, prices, cooldownMs: e.AI_COOLDOWN_MS ?? 60_000, skipped })
}

/** The chain the settings describe, or null when no tier is configured (triage by rules, no drafts). */
export function aiChainFromSettings(settings: AiSettings, log?: AiLog): AiChain | null {
  return settings.tiers.length
    ? createAiChain({
        tiers: settings.tiers,
        prices: settings.prices,
        cooldownMs: settings.cooldownMs,
        ...(log ? { log } : {}),
      })
    : null
}
