/** Posts and comments in the shape the Graph API returns them to a Page, with `fields` honoured. */
import { graphTime } from '@statex/graph/testing'
import { engagementOf, type Comment, type Post } from './state.js'
import type { FbStore } from './store.js'

export function postOut(store: FbStore, post: Post, fields: string) {
  const out: Record<string, unknown> = { id: post.id, created_time: graphTime(post.createdAt) }
  if (post.message !== undefined) out.message = post.message
  if (fields.includes('permalink_url')) out.permalink_url = `https://www.facebook.com/${post.id}`
  const engagement = engagementOf(post, store.now())
  if (fields.includes('reactions'))
    out.reactions = {
      data: [],
      summary: { total_count: engagement.likes, viewer_reaction: 'NONE' },
    }
  if (fields.includes('comments'))
    out.comments = {
      data: [],
      summary: {
        order: 'chronological',
        total_count: store.comments.filter((c) => c.postId === post.id).length,
        can_comment: true,
      },
    }
  // Graph leaves `shares` out until someone shared the post.
  if (fields.includes('shares') && engagement.shares > 0) out.shares = { count: engagement.shares }
  return out
}

export function commentOut(c: Comment) {
  return {
    id: c.id,
    message: c.message,
    created_time: graphTime(c.createdAt),
    from: c.from,
    ...(c.parentId ? { parent: { id: c.parentId } } : {}),
    permalink_url: `https://www.facebook.com/${c.postId}?comment_id=${c.id}`,
  }
}
