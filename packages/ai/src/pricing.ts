import type { AiTierName, PriceTable } from './types.js'

/**
 * Cost in US dollars of one call, from the configured price table (free when the model is not in
 * it). `models` are tried in order: the model that answered, then the configured one (an Azure
 * deployment name), then `*`.
 */
export function costOf(
  prices: PriceTable,
  tier: AiTierName,
  models: string | readonly string[],
  tokensIn: number,
  tokensOut: number,
): number {
  const table = prices[tier]
  const names = typeof models === 'string' ? [models] : models
  const price = names.map((m) => table?.[m]).find(Boolean) ?? table?.['*']
  if (!price) return 0
  return (tokensIn * price.inputPerMillion + tokensOut * price.outputPerMillion) / 1_000_000
}
