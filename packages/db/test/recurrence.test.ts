import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../src/testing.js'
import { connectedAccount, ownerWithWorkspace } from './fixtures.js'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t.drop()
})

async function series(rule: { weekdays: number[]; time: string; until?: Date }, first: Date) {
  const { user, workspace } = await ownerWithWorkspace(t.db)
  const a = await t.db.accounts.connectAccount(workspace.id, connectedAccount())
  const b = await t.db.accounts.connectAccount(
    workspace.id,
    connectedAccount({ platform: 'whatsapp' }),
  )
  const group = await t.db.posts.createPostGroup({
    workspaceId: workspace.id,
    content: { text: 'Weekly tip' },
    targets: [{ accountId: a.id }, { accountId: b.id, override: { text: 'Weekly tip (WA)' } }],
    scheduledAt: first,
    timeZone: 'Europe/Berlin',
    recurrence: { ...rule, timeZone: 'Europe/Berlin', startsAt: first },
    actor: `user:${user.id}`,
  })
  return { workspace, group, accounts: [a, b] }
}

describe('recurring posts', () => {
  it('creates the next occurrence once, at the same Berlin wall-clock time across the autumn change', async () => {
    // Monday 19 October 2026, 09:00 Berlin (CEST, UTC+2); the clocks go back on the 25th.
    const first = new Date('2026-10-19T07:00:00Z')
    const { workspace, group } = await series({ weekdays: [1], time: '09:00' }, first)
    expect(group.recurrence).toMatchObject({ weekdays: [1], time: '09:00' })
    expect(group.seriesId).toBe(group.id)

    // Not due yet: nothing happens.
    expect(await t.db.recurrence.rollDueSeries({ now: new Date(first.getTime() - 1) })).toEqual([])
    // Two dispatchers at once: one next occurrence.
    const [one, two] = await Promise.all([
      t.db.recurrence.rollDueSeries({ now: first }),
      t.db.recurrence.rollDueSeries({ now: first }),
    ])
    const rolled = [...one!, ...two!]
    expect(rolled).toHaveLength(1)
    // Monday 26 October, 09:00 Berlin is now CET (UTC+1): 08:00 UTC.
    expect(rolled[0]!.next!.scheduledAt).toEqual(new Date('2026-10-26T08:00:00Z'))

    const next = (await t.db.posts.getPostGroup(rolled[0]!.next!.groupId))!
    expect(next.seriesId).toBe(group.id)
    expect(next.recurrence).toMatchObject({ weekdays: [1], time: '09:00' })
    // Both targets come from one statement, so their created_at ties: compare them sorted.
    expect(next.targets.map((target) => [target.status, target.content.text]).sort()).toEqual([
      ['SCHEDULED', 'Weekly tip'],
      ['SCHEDULED', 'Weekly tip (WA)'],
    ])
    expect(
      next.targets.every((target) => target.scheduledAt?.getTime() === next.scheduledAt?.getTime()),
    ).toBe(true)
    // The rule moved: the first occurrence no longer carries it, and rolling again is a no-op.
    expect((await t.db.posts.getPostGroup(group.id))!.recurrence).toBeNull()
    expect(await t.db.recurrence.rollDueSeries({ now: first })).toEqual([])
    const page = await t.db.posts.listPostGroups({ workspaceId: workspace.id, limit: 10 })
    expect(page.items.map((item) => item.seriesId)).toEqual([group.id, group.id])
  })

  it('stops after until, and when the rule is cleared', async () => {
    const first = new Date('2026-11-02T08:00:00Z')
    const { workspace, group } = await series(
      { weekdays: [1, 3], time: '09:00', until: new Date('2026-11-05T00:00:00Z') },
      first,
    )
    const ours = async (now: Date) =>
      (await t.db.recurrence.rollDueSeries({ now })).filter((r) => r.seriesId === group.id)
    const [wednesday] = await ours(first)
    expect(wednesday!.next!.scheduledAt).toEqual(new Date('2026-11-04T08:00:00Z'))
    const [end] = await ours(new Date('2026-11-04T08:00:00Z'))
    expect(end).toMatchObject({ dueGroupId: wednesday!.next!.groupId, next: null })

    const other = await series({ weekdays: [5], time: '12:00' }, new Date('2026-11-06T11:00:00Z'))
    await t.db.recurrence.setRecurrence(other.workspace.id, other.group.id, null)
    expect(await t.db.recurrence.rollDueSeries({ now: new Date('2026-11-06T11:00:00Z') })).toEqual(
      [],
    )
    await expect(t.db.recurrence.setRecurrence(workspace.id, other.group.id, null)).rejects.toThrow(
      /not found/i,
    )
    expect((await t.db.posts.getPostGroup(group.id))!.recurrence).toBeNull()
  })

  it('resumes in the future after a long outage instead of bursting out every missed occurrence', async () => {
    const first = new Date('2026-09-07T07:00:00Z')
    const { group } = await series({ weekdays: [1], time: '09:00' }, first)
    const threeWeeksLater = new Date('2026-09-29T12:00:00Z')
    const rolled = (await t.db.recurrence.rollDueSeries({ now: threeWeeksLater })).filter(
      (r) => r.seriesId === group.id,
    )
    // The missed Monday is still published (late); the next is the first Monday after now.
    expect(rolled.map((r) => r.next?.scheduledAt)).toEqual([new Date('2026-10-05T07:00:00Z')])
  })

  it('says what to fix in a rule', async () => {
    const first = new Date('2026-11-02T08:00:00Z')
    await expect(series({ weekdays: [], time: '09:00' }, first)).rejects.toThrow(
      /at least one weekday/,
    )
    await expect(series({ weekdays: [8], time: '09:00' }, first)).rejects.toThrow(/1 \(Monday\)/)
    await expect(series({ weekdays: [1], time: '9am' }, first)).rejects.toThrow(/HH:MM/)
    await expect(
      series({ weekdays: [1], time: '09:00', until: new Date('2026-01-01T00:00:00Z') }, first),
    ).rejects.toThrow(/ends before it starts/)
  })
})
