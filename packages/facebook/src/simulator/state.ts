import type { AccountAuth } from '@statex/core'
import type { SimulatedPost } from '@statex/testkit/simulator'

/** People who write to and comment on every simulated Page (their Page-scoped ids). */
export const SIMULATED_PEOPLE: readonly { id: string; name: string }[] = [
  { id: '6543210987654321', name: 'Mia Torres' },
  { id: '6543210987654322', name: 'Noah Williams' },
  { id: '6543210987654323', name: 'Lena Fischer' },
]

/** Messenger's standard messaging window. */
export const MESSENGER_WINDOW_MS = 24 * 3600_000

/** Followers every simulated Page starts with (`setFollowers` changes them). */
export const SIMULATED_FOLLOWERS = 1_250

export interface Page {
  id: string
  name: string
  auth: AccountAuth
  followers: number
}

export type PostKind = 'status' | 'photo' | 'album' | 'video' | 'story'

export interface Post {
  id: string
  pageId: string
  kind: PostKind
  message?: string
  link?: string
  published: boolean
  photoIds: string[]
  createdAt: number
  /** Extra reactions people left through the simulator. */
  reactions: { from: string; type: string; at: number }[]
  raw: Record<string, unknown>
}

export interface Photo {
  id: string
  pageId: string
  url: string
  published: boolean
  altText?: string
}

export interface Comment {
  id: string
  pageId: string
  postId: string
  /** The comment it answers, for replies. */
  parentId?: string
  message: string
  from: { id: string; name: string }
  createdAt: number
}

export interface Message {
  mid: string
  pageId: string
  psid: string
  text: string
  at: number
  direction: 'in' | 'out'
}

/** Engagement grows with a post's age, the same way on every run: views, reach, clicks, shares. */
export function engagementOf(post: Post, now: number) {
  const minutes = Math.max(0, Math.floor((now - post.createdAt) / 60_000))
  const views = minutes * 3
  return {
    views,
    reach: Math.floor((views * 7) / 10),
    clicks: Math.floor(views / 20),
    likes: Math.floor(views / 10) + post.reactions.length,
    shares: Math.floor(views / 50),
  }
}

export function toSimulatedPost(post: Post, comments: readonly Comment[]): SimulatedPost {
  const activity = [
    ...comments
      .filter((c) => c.postId === post.id)
      .map((c) => ({
        kind: c.from.id === post.pageId ? 'reply' : 'comment',
        text: `${c.from.name}: ${c.message}`,
        at: new Date(c.createdAt),
      })),
    ...post.reactions.map((r) => ({
      kind: 'reaction',
      text: `${r.from}: ${r.type}`,
      at: new Date(r.at),
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime())
  return {
    externalId: post.id,
    createdAt: new Date(post.createdAt),
    text: post.message ?? '',
    activity,
    raw: { ...post.raw, id: post.id, kind: post.kind, published: post.published },
  }
}
