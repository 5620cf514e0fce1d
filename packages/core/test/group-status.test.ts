import { describe, expect, it } from 'vitest'
import { deriveGroupStatus } from '../src/index.js'

describe('deriveGroupStatus', () => {
  it.each([
    [[], 'draft'],
    [['DRAFT', 'DRAFT'], 'draft'],
    [['IN_REVIEW', 'IN_REVIEW'], 'in_review'],
    [['IN_REVIEW', 'SCHEDULED'], 'in_review'],
    [['SCHEDULED', 'PUBLISHED'], 'scheduled'],
    [['PUBLISHING', 'SCHEDULED'], 'publishing'],
    [['PROCESSING', 'PUBLISHED'], 'publishing'],
    [['PUBLISHED', 'PUBLISHED'], 'published'],
    [['PUBLISHED', 'ARCHIVED'], 'published'],
    [['FAILED', 'FAILED'], 'failed'],
    [['PUBLISHED', 'FAILED'], 'partially_published'],
    [['PUBLISHED', 'DRAFT'], 'partially_published'],
    [['PUBLISHED', 'UNKNOWN', 'PUBLISHING'], 'needs_review'],
    [['ARCHIVED'], 'archived'],
  ] as const)('%j → %s', (statuses, expected) => {
    expect(deriveGroupStatus(statuses)).toBe(expected)
  })
})
