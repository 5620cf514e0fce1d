import { randomUUID } from 'node:crypto'
import { nextOccurrence, type RecurrenceRule } from '@statex/core'
import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'
import { InvalidInputError, NotFoundError } from '../errors.js'
import { Prisma } from '../generated/prisma/client.js'

/** What a rolled-forward series produced: the occurrence that fell due and the one created after it. */
export interface RolledOccurrence {
  seriesId: string
  dueGroupId: string
  /** null when the rule has ended (past `until`): the series stops. */
  next: { groupId: string; scheduledAt: Date } | null
}

/** The rule as stored in `post_groups.recurrence` (instants as ISO strings). */
export function recurrenceToJson(rule: RecurrenceRule): Record<string, unknown> {
  return {
    weekdays: [...rule.weekdays].sort((a, b) => a - b),
    time: rule.time,
    timeZone: rule.timeZone,
    startsAt: rule.startsAt.toISOString(),
    ...(rule.until ? { until: rule.until.toISOString() } : {}),
  }
}

export function recurrenceFromJson(value: unknown): RecurrenceRule | null {
  if (!value || typeof value !== 'object') return null
  const json = value as Record<string, unknown>
  return {
    weekdays: json.weekdays as number[],
    time: json.time as string,
    timeZone: json.timeZone as string,
    startsAt: new Date(json.startsAt as string),
    ...(json.until ? { until: new Date(json.until as string) } : {}),
  }
}

/** Refuses a rule that could never fire or names no real time, with what to fix. */
export function checkRecurrence(rule: RecurrenceRule): void {
  if (rule.weekdays.length === 0)
    throw new InvalidInputError(
      'A repeating post needs at least one weekday (1 Monday … 7 Sunday).',
    )
  for (const weekday of rule.weekdays)
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7)
      throw new InvalidInputError(`weekday ${weekday} must be 1 (Monday) … 7 (Sunday).`)
  if (new Set(rule.weekdays).size !== rule.weekdays.length)
    throw new InvalidInputError('A weekday is named twice in the repeat rule.')
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(rule.time))
    throw new InvalidInputError(`"${rule.time}" is not a time; use "HH:MM", e.g. "09:00".`)
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: rule.timeZone })
  } catch {
    throw new InvalidInputError(
      `"${rule.timeZone}" is not an IANA time zone (e.g. "Europe/Berlin").`,
    )
  }
  if (rule.until && rule.until.getTime() <= rule.startsAt.getTime())
    throw new InvalidInputError(
      'The repeat rule ends before it starts; set "until" after the first post.',
    )
}

interface DueRow {
  id: string
  series_id: string | null
  scheduled_at: Date
  recurrence: unknown
}

/**
 * Recurring posts. Only a series' latest occurrence carries the rule; when it falls due, one
 * transaction locks it, creates the next occurrence (same content, same accounts and overrides,
 * the rule's next instant in its zone, so DST never shifts it) and moves the rule there. A
 * second worker skips the locked row and finds no rule left on it, so each occurrence is
 * created once however many dispatchers tick.
 */
export function recurrenceRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    async rollDueSeries(input: { now: Date; limit?: number }): Promise<RolledOccurrence[]> {
      const rolled: RolledOccurrence[] = []
      const limit = input.limit ?? 100
      // Every dispatcher tick asks; nearly always nothing is due. One index read says so without
      // opening a transaction.
      const [any] = await prisma.$queryRaw<unknown[]>`
        SELECT 1 FROM post_groups WHERE recurrence IS NOT NULL AND scheduled_at <= ${input.now} LIMIT 1`
      if (!any) return rolled
      for (let i = 0; i < limit; i++) {
        const one = await prisma.$transaction(async (tx) => {
          const [due] = await tx.$queryRaw<DueRow[]>`
            SELECT id::text, series_id::text, scheduled_at, recurrence FROM post_groups
            WHERE recurrence IS NOT NULL AND scheduled_at <= ${input.now}
            ORDER BY scheduled_at LIMIT 1 FOR UPDATE SKIP LOCKED`
          if (!due) return null
          const rule = recurrenceFromJson(due.recurrence)!
          const seriesId = due.series_id ?? due.id
          // After the occurrence that fell due and after now: that one still goes out (late, if
          // the workers were down), but the series resumes in the future instead of bursting
          // out every occurrence it missed.
          const after = Math.max(due.scheduled_at.getTime(), input.now.getTime())
          const at = nextOccurrence(rule, new Date(after))
          await tx.$executeRaw`UPDATE post_groups SET recurrence = NULL, updated_at = now() WHERE id = ${due.id}::uuid`
          if (!at) return { seriesId, dueGroupId: due.id, next: null }
          const groupId = randomUUID()
          await tx.$executeRaw`
            INSERT INTO post_groups (id, workspace_id, created_by_user_id, content, scheduled_at, time_zone, status, recurrence, series_id, updated_at)
            SELECT ${groupId}::uuid, workspace_id, created_by_user_id, content, ${at}::timestamptz, time_zone, 'scheduled',
              recurrence_json, ${seriesId}::uuid, now()
            FROM post_groups, (SELECT ${JSON.stringify(recurrenceToJson(rule))}::jsonb AS recurrence_json) r
            WHERE id = ${due.id}::uuid`
          await tx.$executeRaw`
            WITH t AS (
              INSERT INTO social_posts (id, group_id, account_id, status, content, content_override, scheduled_at, updated_at)
              SELECT gen_random_uuid(), ${groupId}::uuid, account_id, 'SCHEDULED', content, content_override, ${at}::timestamptz, now()
              FROM social_posts WHERE group_id = ${due.id}::uuid
              RETURNING id
            )
            INSERT INTO post_status_changes (post_id, from_status, to_status, reason, actor)
            SELECT t.id, NULL, 'SCHEDULED', 'repeats ' || ${due.id}, 'system:recurrence' FROM t`
          return { seriesId, dueGroupId: due.id, next: { groupId, scheduledAt: at } }
        })
        if (!one) break
        rolled.push(one)
      }
      return rolled
    },

    /**
     * Sets or clears the rule of a series through its latest occurrence (the one that carries
     * it). Clearing stops the series; the occurrences already created stay as they are.
     */
    async setRecurrence(
      workspaceId: string,
      groupId: string,
      rule: RecurrenceRule | null,
    ): Promise<void> {
      if (!isUuid(groupId)) throw new NotFoundError('Post', groupId)
      if (rule) checkRecurrence(rule)
      const group = await prisma.postGroup.findFirst({
        where: { id: groupId, workspaceId },
        select: { id: true, seriesId: true, scheduledAt: true },
      })
      if (!group) throw new NotFoundError('Post', groupId)
      if (rule && !group.scheduledAt)
        throw new InvalidInputError('Only a scheduled post can repeat; schedule it first.')
      const seriesId = group.seriesId ?? group.id
      await prisma.$transaction(async (tx) => {
        // The rule lives on one occurrence at a time: the newest of the series.
        const latest = await tx.postGroup.findFirst({
          where: { OR: [{ id: seriesId }, { seriesId }] },
          orderBy: [{ scheduledAt: 'desc' }, { createdAt: 'desc' }],
          select: { id: true },
        })
        await tx.postGroup.updateMany({
          where: { OR: [{ id: seriesId }, { seriesId }] },
          data: { recurrence: Prisma.DbNull },
        })
        if (rule)
          await tx.postGroup.update({
            where: { id: latest!.id },
            data: { recurrence: recurrenceToJson(rule) as Prisma.InputJsonValue, seriesId },
          })
      })
    },
  }
}
