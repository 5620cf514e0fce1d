import { describe, expect, it } from 'vitest'
import { interleaveAccounts } from '../src/engine/dispatcher.js'

const at = (ms: number) => new Date(1_800_000_000_000 + ms)

describe('interleaveAccounts', () => {
  it('takes one target per account in turn within an instant, and keeps instants in order', () => {
    const items = [
      { id: 'a1', accountId: 'a', dueAt: at(0) },
      { id: 'a2', accountId: 'a', dueAt: at(0) },
      { id: 'a3', accountId: 'a', dueAt: at(0) },
      { id: 'b1', accountId: 'b', dueAt: at(0) },
      { id: 'c1', accountId: 'c', dueAt: at(0) },
      { id: 'b2', accountId: 'b', dueAt: at(0) },
      { id: 'a4', accountId: 'a', dueAt: at(1_000) },
      { id: 'b3', accountId: 'b', dueAt: at(1_000) },
    ]
    expect(interleaveAccounts(items).map((item) => item.id)).toEqual([
      'a1',
      'b1',
      'c1',
      'a2',
      'b2',
      'a3',
      'a4',
      'b3',
    ])
    // Nothing is lost or repeated.
    expect(interleaveAccounts(items)).toHaveLength(items.length)
  })
})
