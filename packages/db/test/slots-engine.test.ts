import { zonedTimeToInstant } from '@statex/core'
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

describe('posting slots', () => {
  it('stores slots in the workspace zone and queues into the next free one across the spring change', async () => {
    const { user, workspace } = await ownerWithWorkspace(t.db)
    await t.db.slots.setPostingSchedule(workspace.id, {
      timeZone: 'Europe/Berlin',
      slots: [
        { weekday: 1, time: '09:00' },
        { weekday: 3, time: '09:00' },
      ],
    })
    expect(await t.db.slots.getPostingSchedule(workspace.id)).toEqual({
      timeZone: 'Europe/Berlin',
      slots: [
        { weekday: 1, time: '09:00' },
        { weekday: 3, time: '09:00' },
      ],
    })
    const from = new Date('2026-03-25T09:00:00Z')
    // Monday 30 March, the day after clocks go forward: 09:00 Berlin is 07:00 UTC.
    const first = await t.db.slots.nextFreeSlot(workspace.id, from)
    expect(first).toEqual(new Date('2026-03-30T07:00:00Z'))
    const account = await t.db.accounts.connectAccount(workspace.id, connectedAccount())
    const group = await t.db.posts.createPostGroup({
      workspaceId: workspace.id,
      content: { text: 'Monday' },
      targets: [{ accountId: account.id }],
      scheduledAt: first!,
      timeZone: 'Europe/Berlin',
      actor: `user:${user.id}`,
    })
    expect(group.targets[0]!.scheduledAt).toEqual(
      zonedTimeToInstant({ year: 2026, month: 3, day: 30, hour: 9, minute: 0 }, 'Europe/Berlin'),
    )
    expect(await t.db.slots.nextFreeSlot(workspace.id, from)).toEqual(
      new Date('2026-04-01T07:00:00Z'),
    )
  })

  it('says what to fix in a bad schedule', async () => {
    const { workspace } = await ownerWithWorkspace(t.db)
    await expect(
      t.db.slots.setPostingSchedule(workspace.id, { timeZone: 'Berlin', slots: [] }),
    ).rejects.toThrow(/IANA/)
    await expect(
      t.db.slots.setPostingSchedule(workspace.id, {
        timeZone: 'UTC',
        slots: [{ weekday: 0, time: '09:00' }],
      }),
    ).rejects.toThrow(/weekday/)
  })
})
