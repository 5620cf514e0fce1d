import type { Post, PostTarget } from '@statex/api-client'

// A target and a post shaped exactly as GET /v1/posts returns them, for the model and render tests.

export function targetOf(patch: Partial<PostTarget>): PostTarget {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    accountId: '00000000-0000-4000-8000-0000000000aa',
    platform: 'twitter',
    status: 'SCHEDULED',
    scheduledAt: '2026-12-02T09:00:00.000Z',
    contentOverride: null,
    externalId: null,
    url: null,
    publishedAt: null,
    lastError: null,
    partIds: [],
    firstComment: null,
    deliveries: null,
    version: 1,
    ...patch,
  }
}

export function postOf(patch: Partial<Post>): Post {
  return {
    id: '00000000-0000-4000-8000-0000000000f1',
    status: 'SCHEDULED',
    content: { text: 'Hello' },
    scheduledAt: null,
    timeZone: 'UTC',
    repeat: null,
    seriesId: null,
    approvalStatus: 'not_required',
    createdAt: '2026-12-02T08:00:00.000Z',
    updatedAt: '2026-12-02T08:00:00.000Z',
    targets: [],
    ...patch,
  }
}
