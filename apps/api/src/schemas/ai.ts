import type { Completion } from '@statex/ai'
import { z } from 'zod'

/** What one AI answer cost, as recorded in the usage table. */
export const DraftUsage = z
  .object({
    tier: z.enum(['ollama', 'openai', 'azure']),
    model: z.string(),
    tokensIn: z.number().int(),
    tokensOut: z.number().int(),
    latencyMs: z.number().int(),
    costUsd: z.number(),
  })
  .meta({ id: 'AiUsage' })

/** A completion without its text: what the usage table records. */
export const usageOf = ({ text: _text, ...usage }: Completion): z.infer<typeof DraftUsage> => usage
