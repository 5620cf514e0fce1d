import { describe, expect, it } from 'vitest'
import {
  InvalidTransitionError,
  POSSIBLY_ON_PLATFORM,
  POST_STATUSES,
  POST_STATUS_TRANSITIONS,
  assertTransition,
  canTransition,
  isSettled,
  type PostStatus,
} from '../src/index.js'

// The whole matrix, written out once more by hand: a change to the table must change this too.
const ALLOWED: Record<PostStatus, PostStatus[]> = {
  DRAFT: ['IN_REVIEW', 'SCHEDULED', 'PUBLISHING', 'ARCHIVED'],
  IN_REVIEW: ['SCHEDULED', 'DRAFT', 'ARCHIVED'],
  SCHEDULED: ['DRAFT', 'IN_REVIEW', 'PUBLISHING', 'FAILED', 'ARCHIVED'],
  PUBLISHING: ['PUBLISHED', 'PROCESSING', 'SCHEDULED', 'UNKNOWN', 'FAILED'],
  PROCESSING: ['PUBLISHED', 'FAILED', 'UNKNOWN'],
  UNKNOWN: ['PUBLISHED', 'FAILED', 'SCHEDULED'],
  FAILED: ['SCHEDULED', 'DRAFT', 'IN_REVIEW', 'ARCHIVED'],
  PUBLISHED: ['ARCHIVED'],
  ARCHIVED: ['DRAFT'],
}

describe('post status state machine', () => {
  it('has a row for every status and only known targets', () => {
    expect(Object.keys(POST_STATUS_TRANSITIONS).sort()).toEqual([...POST_STATUSES].sort())
    for (const targets of Object.values(POST_STATUS_TRANSITIONS)) {
      for (const to of targets) expect(POST_STATUSES).toContain(to)
    }
  })

  for (const from of POST_STATUSES) {
    for (const to of POST_STATUSES) {
      const allowed = ALLOWED[from].includes(to)
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(from, to)).toBe(allowed)
        if (allowed) expect(() => assertTransition(from, to)).not.toThrow()
        else expect(() => assertTransition(from, to)).toThrow(InvalidTransitionError)
      })
    }
  }

  it('never publishes again from a state where the post may already be on the platform', () => {
    for (const status of POSSIBLY_ON_PLATFORM)
      expect(canTransition(status, 'PUBLISHING')).toBe(false)
  })

  it('never publishes straight from review: only an approval (to SCHEDULED) moves it on', () => {
    expect(canTransition('IN_REVIEW', 'PUBLISHING')).toBe(false)
    expect(canTransition('IN_REVIEW', 'SCHEDULED')).toBe(true)
  })

  it('does not let an unknown outcome be retried without a decision', () => {
    expect(canTransition('UNKNOWN', 'PUBLISHING')).toBe(false)
    expect(canTransition('UNKNOWN', 'SCHEDULED')).toBe(true)
  })

  it('explains a refused transition with what is allowed instead', () => {
    try {
      assertTransition('PUBLISHED', 'PUBLISHING')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionError)
      expect((error as Error).message).toBe(
        'A post cannot go from PUBLISHED to PUBLISHING; from PUBLISHED it can go to ARCHIVED.',
      )
    }
  })

  it('knows which states wait for nothing automatic', () => {
    expect(POST_STATUSES.filter(isSettled)).toEqual(['PUBLISHED', 'UNKNOWN', 'FAILED', 'ARCHIVED'])
  })
})
