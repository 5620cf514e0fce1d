import { isTimeZone, nextFreeSlot, type WeeklySlot } from '@statex/core'
import type { DbContext } from '../context.js'
import { InvalidInputError, NotFoundError } from '../errors.js'

/** A workspace's weekly posting slots, in its zone. */
export interface PostingSchedule {
  timeZone: string
  slots: WeeklySlot[]
}

export function slotsRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /** Replaces the workspace's slots and zone ("Mon, Wed 09:00 Europe/Berlin"). */
    async setPostingSchedule(workspaceId: string, schedule: PostingSchedule): Promise<void> {
      if (!isTimeZone(schedule.timeZone))
        throw new InvalidInputError(
          `"${schedule.timeZone}" is not an IANA time zone (e.g. "Europe/Berlin").`,
        )
      for (const slot of schedule.slots) {
        if (!Number.isInteger(slot.weekday) || slot.weekday < 1 || slot.weekday > 7)
          throw new InvalidInputError(`weekday ${slot.weekday} must be 1 (Monday) … 7 (Sunday).`)
        if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(slot.time))
          throw new InvalidInputError(`"${slot.time}" is not a time; use "HH:MM", e.g. "09:00".`)
      }
      await prisma.$transaction(async (tx) => {
        const { count } = await tx.workspace.updateMany({
          where: { id: workspaceId },
          data: { timeZone: schedule.timeZone },
        })
        if (count === 0) throw new NotFoundError('Workspace', workspaceId)
        await tx.postingSlot.deleteMany({ where: { workspaceId } })
        await tx.postingSlot.createMany({
          data: schedule.slots.map((slot) => ({ workspaceId, ...slot })),
          skipDuplicates: true,
        })
      })
    },

    async getPostingSchedule(workspaceId: string): Promise<PostingSchedule> {
      const workspace = await prisma.workspace.findUnique({
        where: { id: workspaceId },
        include: { postingSlots: { orderBy: [{ weekday: 'asc' }, { time: 'asc' }] } },
      })
      if (!workspace) throw new NotFoundError('Workspace', workspaceId)
      return {
        timeZone: workspace.timeZone,
        slots: workspace.postingSlots.map(({ weekday, time }) => ({ weekday, time })),
      }
    },

    /**
     * The next slot after `after` that no scheduled or published post group of the workspace
     * occupies; null when the workspace has no slots.
     */
    async nextFreeSlot(workspaceId: string, after: Date = new Date()): Promise<Date | null> {
      const schedule = await this.getPostingSchedule(workspaceId)
      if (schedule.slots.length === 0) return null
      const taken = await prisma.postGroup.findMany({
        where: { workspaceId, scheduledAt: { gt: after } },
        select: { scheduledAt: true },
      })
      return nextFreeSlot(
        schedule.slots,
        schedule.timeZone,
        after,
        taken.flatMap((group) => (group.scheduledAt ? [group.scheduledAt] : [])),
      )
    },
  }
}

export type SlotsRepository = ReturnType<typeof slotsRepository>
