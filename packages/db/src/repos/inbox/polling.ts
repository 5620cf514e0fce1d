import type { Platform } from '@statex/core'
import type { DbContext } from '../../context.js'

/** Where each account's polling stands, so a poll resumes from the adapter's cursor. */
export function pollingRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    async getPollCursor(
      accountId: string,
    ): Promise<{ cursor: string | null; polledAt: Date | null; lastError: string | null }> {
      const row = await prisma.inboxPollCursor.findUnique({ where: { accountId } })
      return {
        cursor: row?.cursor ?? null,
        polledAt: row?.polledAt ?? null,
        lastError: row?.lastError ?? null,
      }
    },

    /** Saved after the page it follows is stored, so a crash re-reads a page rather than skips one. */
    async savePollCursor(
      accountId: string,
      state: { cursor?: string | null; polledAt: Date; lastError?: string | null },
    ): Promise<void> {
      const data = {
        ...(state.cursor !== undefined ? { cursor: state.cursor } : {}),
        polledAt: state.polledAt,
        lastError: state.lastError ?? null,
      }
      await prisma.inboxPollCursor.upsert({
        where: { accountId },
        create: { accountId, ...data },
        update: data,
      })
    },

    /**
     * Active accounts of `platforms` not polled for at least their platform's interval: what the
     * poll tick queues.
     */
    async accountsDueForPoll(
      intervalsMs: Partial<Record<Platform, number>>,
      now = new Date(),
    ): Promise<{ id: string; platform: Platform }[]> {
      const platforms = Object.keys(intervalsMs) as Platform[]
      if (platforms.length === 0) return []
      const rows = await prisma.socialAccount.findMany({
        where: { status: 'active', platform: { in: platforms } },
        select: { id: true, platform: true, pollCursor: { select: { polledAt: true } } },
      })
      return rows
        .filter((row) => {
          const last = row.pollCursor?.polledAt
          return !last || now.getTime() - last.getTime() >= (intervalsMs[row.platform] ?? Infinity)
        })
        .map((row) => ({ id: row.id, platform: row.platform }))
    },
  }
}
