import type { InteractionType } from '@statex/core'
import type { DbContext } from '../../context.js'
import { isUuid } from '../../context.js'
import { InvalidInputError } from '../../errors.js'
import type { AutoRespondRule, BrandVoice, KnowledgeEntry } from '../../types.js'

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/

type RuleRow = {
  id: string
  workspaceId: string
  accountId: string | null
  mode: AutoRespondRule['mode']
  types: InteractionType[]
  keywords: string[]
  quietStart: string | null
  quietEnd: string | null
  hourlyCap: number
}
const toRule = (r: RuleRow): AutoRespondRule => ({
  id: r.id,
  workspaceId: r.workspaceId,
  accountId: r.accountId,
  mode: r.mode,
  types: r.types,
  keywords: r.keywords,
  quietStart: r.quietStart,
  quietEnd: r.quietEnd,
  hourlyCap: r.hourlyCap,
})

export type RuleInput = Omit<AutoRespondRule, 'id' | 'workspaceId'>

/** Per-workspace inbox settings: auto-respond rules, brand voice and FAQ knowledge. */
export function inboxSettingsRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    async listRules(workspaceId: string): Promise<AutoRespondRule[]> {
      const rows = await prisma.autoRespondRule.findMany({
        where: { workspaceId },
        orderBy: [{ accountId: { sort: 'asc', nulls: 'first' } }],
      })
      return rows.map(toRule)
    },

    /** The rule that applies to an account: its own, else the workspace's; null when neither exists (off). */
    async ruleFor(workspaceId: string, accountId: string): Promise<AutoRespondRule | null> {
      const rows = await prisma.autoRespondRule.findMany({
        where: { workspaceId, OR: [{ accountId }, { accountId: null }] },
      })
      const row =
        rows.find((r) => r.accountId === accountId) ?? rows.find((r) => r.accountId === null)
      return row ? toRule(row) : null
    },

    /** Creates or replaces the rule of the workspace (`accountId` null) or of one of its accounts. */
    async putRule(workspaceId: string, input: RuleInput): Promise<AutoRespondRule> {
      if ((input.quietStart === null) !== (input.quietEnd === null))
        throw new InvalidInputError(
          'Quiet hours need both `quietStart` and `quietEnd` (or neither).',
        )
      for (const t of [input.quietStart, input.quietEnd])
        if (t !== null && !HHMM.test(t))
          throw new InvalidInputError(`Quiet hours are "HH:MM" (00:00–23:59); "${t}" is not.`)
      if (input.accountId) {
        const account = isUuid(input.accountId)
          ? await prisma.socialAccount.findFirst({ where: { id: input.accountId, workspaceId } })
          : null
        if (!account)
          throw new InvalidInputError(`Account ${input.accountId} is not one of this workspace.`)
      }
      const data = {
        mode: input.mode,
        types: input.types,
        keywords: input.keywords.map((k) => k.trim().toLowerCase()).filter(Boolean),
        quietStart: input.quietStart,
        quietEnd: input.quietEnd,
        hourlyCap: input.hourlyCap,
      }
      // Upsert by hand: Prisma cannot address a compound unique key with a null part.
      const row = await prisma.$transaction(async (tx) => {
        const existing = await tx.autoRespondRule.findFirst({
          where: { workspaceId, accountId: input.accountId },
        })
        return existing
          ? tx.autoRespondRule.update({ where: { id: existing.id }, data })
          : tx.autoRespondRule.create({
              data: { ...data, workspaceId, accountId: input.accountId },
            })
      })
      return toRule(row)
    },

    /**
     * Removes one account's own rule, so the account follows the workspace's again; false when
     * it had none. (The workspace rule itself is set to `off` rather than removed.)
     */
    async deleteRule(workspaceId: string, accountId: string): Promise<boolean> {
      if (!isUuid(accountId)) return false
      const { count } = await prisma.autoRespondRule.deleteMany({
        where: { workspaceId, accountId },
      })
      return count > 0
    },

    async getBrandVoice(workspaceId: string): Promise<BrandVoice> {
      const row = await prisma.brandVoice.findUnique({ where: { workspaceId } })
      return {
        tone: row?.tone ?? 'friendly and concise',
        signature: row?.signature ?? null,
        dos: row?.dos ?? [],
        donts: row?.donts ?? [],
      }
    },

    async putBrandVoice(workspaceId: string, voice: BrandVoice): Promise<BrandVoice> {
      const row = await prisma.brandVoice.upsert({
        where: { workspaceId },
        create: { workspaceId, ...voice },
        update: voice,
      })
      return { tone: row.tone, signature: row.signature, dos: row.dos, donts: row.donts }
    },

    async listKnowledge(workspaceId: string): Promise<KnowledgeEntry[]> {
      return prisma.knowledgeEntry.findMany({
        where: { workspaceId },
        orderBy: { createdAt: 'asc' },
        select: { id: true, question: true, answer: true, createdAt: true },
      })
    },

    async addKnowledge(
      workspaceId: string,
      entry: { question: string; answer: string },
    ): Promise<KnowledgeEntry> {
      return prisma.knowledgeEntry.create({
        data: { workspaceId, ...entry },
        select: { id: true, question: true, answer: true, createdAt: true },
      })
    },

    async deleteKnowledge(workspaceId: string, id: string): Promise<boolean> {
      if (!isUuid(id)) return false
      const { count } = await prisma.knowledgeEntry.deleteMany({ where: { id, workspaceId } })
      return count > 0
    },

    /**
     * The FAQ entries most relevant to `text`, by PostgreSQL full-text search: any of its words
     * (OR-ed, so a long comment still matches a short entry), ranked by `ts_rank`.
     */
    async searchKnowledge(workspaceId: string, text: string, limit = 3): Promise<KnowledgeEntry[]> {
      const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])].slice(0, 32)
      if (words.length === 0) return []
      const query = words.join(' | ')
      return prisma.$queryRaw<KnowledgeEntry[]>`
        SELECT id, question, answer, created_at AS "createdAt"
        FROM knowledge_entries, to_tsquery('simple', ${query}) AS q
        WHERE workspace_id = ${workspaceId}::uuid AND search @@ q
        ORDER BY ts_rank(search, q) DESC, created_at ASC
        LIMIT ${limit}`
    },
  }
}
