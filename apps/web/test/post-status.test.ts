import type { Post, PostTarget } from '@statex/api-client'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { PostCard } from '../src/components/posts/post-card'
import { TargetStatus } from '../src/components/posts/target-status'

// What the posts page shows for the outcomes the e2e run cannot provoke (the sandbox has no HTTP
// switch for platform failures), rendered from targets shaped exactly as GET /v1/posts returns them.
function target(patch: Partial<PostTarget>): PostTarget {
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

const render = (t: PostTarget) =>
  renderToStaticMarkup(createElement(TargetStatus, { target: t, accountName: 'Brand' }))

describe('a target’s status', () => {
  it('failed: the platform’s own reason', () => {
    const html = render(
      target({ status: 'FAILED', lastError: 'X refused: duplicate content (187)' }),
    )
    expect(html).toContain('Failed')
    expect(html).toContain('X refused: duplicate content (187)')
  })

  it('unknown: says to check the account before re-posting', () => {
    const html = render(target({ status: 'UNKNOWN', platform: 'linkedin', lastError: 'timed out' }))
    expect(html).toContain('Outcome unknown')
    expect(html).toContain('LinkedIn may have received it: check the account before re-posting.')
  })

  it('published: links to the live post', () => {
    const html = render(
      target({
        status: 'PUBLISHED',
        url: 'https://x.com/brand/status/1',
        publishedAt: '2026-12-02T09:00:02.000Z',
      }),
    )
    expect(html).toContain('href="https://x.com/brand/status/1"')
    expect(html).toContain('View on X')
    expect(html).not.toContain('thread of')
  })

  it('a published X thread: links to its first post and says how many posts it has', () => {
    const html = render(
      target({
        status: 'PUBLISHED',
        externalId: '11',
        url: 'https://x.com/i/web/status/11',
        partIds: ['11', '12', '13', '14'],
        contentOverride: {
          text: 'One',
          thread: [{ text: 'Two' }, { text: 'Three' }, { text: 'Four' }],
        },
        publishedAt: '2026-12-02T09:00:02.000Z',
      }),
    )
    expect(html).toContain('href="https://x.com/i/web/status/11"')
    expect(html).toContain('the thread’s first post')
    expect(html).toContain('thread of 4')
    expect(html).toContain('Own thread of 4 posts, the first: ')
  })

  it('a post with a failed or unknown target offers a retry; a published one does not', () => {
    const post = (status: PostTarget['status']): Post => ({
      id: '00000000-0000-4000-8000-0000000000p1',
      status: 'FAILED',
      content: { text: 'Hello' },
      scheduledAt: null,
      timeZone: 'UTC',
      repeat: null,
      seriesId: null,
      approvalStatus: 'not_required',
      createdAt: '2026-12-02T08:00:00.000Z',
      updatedAt: '2026-12-02T08:00:00.000Z',
      targets: [target({ status })],
    })
    const card = (status: PostTarget['status']) =>
      renderToStaticMarkup(
        createElement(
          QueryClientProvider,
          { client: new QueryClient() },
          createElement(PostCard, { post: post(status), accountNames: new Map() }),
        ),
      )
    expect(card('FAILED')).toContain('Retry failed')
    expect(card('UNKNOWN')).toContain('Retry failed')
    expect(card('PUBLISHED')).not.toContain('Retry failed')
  })
})
