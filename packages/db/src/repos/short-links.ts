import type { Platform } from '@statex/core'
import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'

export interface ShortLink {
  code: string
  groupId: string
  accountId: string
  platform: Platform
  originalUrl: string
  destination: string
  clicks: number
  lastClickAt: Date | null
}

export function shortLinksRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    async createShortLinks(
      workspaceId: string,
      groupId: string,
      links: Omit<ShortLink, 'groupId' | 'clicks' | 'lastClickAt'>[],
    ): Promise<void> {
      if (links.length === 0) return
      await prisma.shortLink.createMany({
        data: links.map((l) => ({ ...l, workspaceId, groupId })),
      })
    },

    /**
     * Counts a click (on the link and in its UTC hour, which analytics reads) and returns where
     * it goes, in one statement; null for an unknown code.
     */
    async recordClick(code: string, at = new Date()): Promise<string | null> {
      const rows = await prisma.$queryRaw<{ destination: string }[]>`
        WITH link AS (
          UPDATE short_links SET clicks = clicks + 1, last_click_at = ${at}
          WHERE code = ${code} RETURNING id, workspace_id, platform, destination
        ), hour AS (
          INSERT INTO short_link_click_hours AS h (link_id, hour, workspace_id, platform, clicks)
          SELECT id, date_trunc('hour', ${at}::timestamptz, 'UTC'), workspace_id, platform, 1 FROM link
          ON CONFLICT (link_id, hour) DO UPDATE SET clicks = h.clicks + 1
        )
        SELECT destination FROM link`
      return rows[0]?.destination ?? null
    },

    async listShortLinks(groupId: string): Promise<ShortLink[]> {
      if (!isUuid(groupId)) return []
      const rows = await prisma.shortLink.findMany({
        where: { groupId },
        orderBy: [{ platform: 'asc' }, { createdAt: 'asc' }],
      })
      return rows.map((r) => ({
        code: r.code,
        groupId: r.groupId,
        accountId: r.accountId,
        platform: r.platform,
        originalUrl: r.originalUrl,
        destination: r.destination,
        clicks: r.clicks,
        lastClickAt: r.lastClickAt,
      }))
    },
  }
}
