import { isTimeZone } from '@statex/core'
import type { DigestRecipient, DigestSummary, Db } from '@statex/db'
import { notify } from '@statex/jobs'
import type { Queue } from 'bullmq'

const DAY_MS = 24 * 3_600_000

/** The local date and hour of `at` in `timeZone` (an IANA zone; an unknown one reads as UTC). */
export function localHour(at: Date, timeZone: string): { date: string; hour: number } {
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC'
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** The digest's body, a line per figure; null when the day had nothing to tell. */
export function digestBody(summary: DigestSummary): string | null {
  const lines = [
    summary.published && `${plural(summary.published, 'post')} published`,
    summary.failed && `${plural(summary.failed, 'post')} failed`,
    summary.unknown && `${plural(summary.unknown, 'post')} with an unknown outcome to check`,
    summary.waitingApproval && `${plural(summary.waitingApproval, 'post')} waiting for approval`,
    summary.newInbox && `${plural(summary.newInbox, 'new inbox item')}`,
  ].filter((line): line is string => typeof line === 'string')
  return lines.length ? lines.join('\n') : null
}

/**
 * The digest tick (a job scheduler every 15 minutes): each member whose workspace has reached
 * `hour` locally gets the last 24 hours summarized, once per local date (the dedup key), so the
 * tick may run late, twice or on several workers. A quiet day sends nothing. One tick rather
 * than a scheduler per member: members come and go and workspaces change zone, and a tick reads
 * both from PostgreSQL each time instead of keeping schedulers in step with them.
 */
export function createDigestTick(deps: { db: Db; queue: Queue | undefined; hour: number }) {
  return async (now = new Date()): Promise<{ due: number; sent: number }> => {
    const recipients = await deps.db.notifications.listDigestRecipients()
    const due = recipients.filter((r) => localHour(now, r.timeZone).hour === deps.hour)
    const byWorkspace = new Map<string, DigestRecipient[]>()
    for (const r of due)
      byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r])
    let sent = 0
    for (const [workspaceId, members] of byWorkspace) {
      const first = members[0]!
      const { date } = localHour(now, first.timeZone)
      const body = digestBody(
        await deps.db.notifications.digestSummary(
          workspaceId,
          new Date(now.getTime() - DAY_MS),
          now,
        ),
      )
      if (!body) continue
      const ids = await notify(deps.db, deps.queue, {
        workspaceId,
        kind: 'digest',
        title: `${first.workspaceName}: your day in Statex Social (${date})`,
        body,
        link: '/posts',
        dedupKey: `digest:${workspaceId}:${date}`,
        userIds: members.map((m) => m.userId),
      })
      sent += ids.length
    }
    return { due: due.length, sent }
  }
}
