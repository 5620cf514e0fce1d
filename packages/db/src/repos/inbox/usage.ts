import type { DbContext } from '../../context.js'
import type { AiTier, AiUsageRecord } from '../../types.js'

/** What AI calls cost: one row per answered call (tier, model, tokens, latency, cost), never the prompt. */
export function aiUsageRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    async recordUsage(record: AiUsageRecord): Promise<void> {
      await prisma.aiUsage.create({
        data: {
          workspaceId: record.workspaceId,
          purpose: record.purpose,
          tier: record.tier,
          model: record.model,
          tokensIn: record.tokensIn,
          tokensOut: record.tokensOut,
          latencyMs: Math.round(record.latencyMs),
          costUsd: record.costUsd.toFixed(6),
          interactionId: record.interactionId ?? null,
        },
      })
    },

    /** Totals per tier since `since`: calls, tokens and cost in US dollars. */
    async usageSummary(workspaceId: string, since: Date) {
      const rows = await prisma.aiUsage.groupBy({
        by: ['tier'],
        where: { workspaceId, createdAt: { gte: since } },
        _count: { _all: true },
        _sum: { tokensIn: true, tokensOut: true, costUsd: true },
      })
      return rows.map((r) => ({
        tier: r.tier as AiTier,
        calls: r._count._all,
        tokensIn: r._sum.tokensIn ?? 0,
        tokensOut: r._sum.tokensOut ?? 0,
        costUsd: Number(r._sum.costUsd ?? 0),
      }))
    },
  }
}
