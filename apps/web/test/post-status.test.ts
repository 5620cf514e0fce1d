import type { Post, PostTarget } from '@statex/api-client'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { PostCard } from '../src/components/posts/post-card'
import { TargetStatus } from '../src/components/posts/target-status'
import { postOf, targetOf } from './support/post-fixtures'

// What the posts page shows for the outcomes the e2e run cannot provoke (the sandbox has no HTTP
// switch for platform failures), rendered from targets shaped exactly as GET /v1/posts returns them.
const target = targetOf

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
    const post = (status: PostTarget['status']): Post =>
      postOf({ status: 'FAILED', targets: [target({ status })] })
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

  it('offers Edit while a target can still change (draft, in review, scheduled, failed), not once all are sent', () => {
    const card = (...statuses: PostTarget['status'][]) =>
      renderToStaticMarkup(
        createElement(
          QueryClientProvider,
          { client: new QueryClient() },
          createElement(PostCard, {
            post: postOf({ targets: statuses.map((status) => target({ status })) }),
            accountNames: new Map(),
          }),
        ),
      )
    const edit = `href="/compose?edit=${postOf({}).id}"`
    for (const status of ['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'FAILED'] as const)
      expect(card(status), status).toContain(edit)
    expect(card('PUBLISHED', 'FAILED')).toContain(edit)
    for (const status of ['PUBLISHED', 'PUBLISHING', 'PROCESSING', 'UNKNOWN', 'ARCHIVED'] as const)
      expect(card(status), status).not.toContain(edit)
    expect(card('PUBLISHED', 'UNKNOWN')).not.toContain(edit)
  })
})
