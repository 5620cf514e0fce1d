/**
 * The Facebook simulator's state: Pages, posts, photos, comments and Messenger conversations,
 * with the few writes every route shares. Routes and controls read it; nothing else holds state.
 */
import { randomBytes } from 'node:crypto'
import type { AccountAuth } from '@statex/core'
import { graphId } from '@statex/graph/testing'
import type { Comment, Message, Page, Photo, Post } from './state.js'

export interface FbStore {
  readonly pages: Map<string, Page>
  readonly posts: Map<string, Post>
  readonly photos: Map<string, Photo>
  readonly comments: Comment[]
  readonly messages: Message[]
  now(): number
}

export function createFbStore(now: () => number): FbStore {
  return { pages: new Map(), posts: new Map(), photos: new Map(), comments: [], messages: [], now }
}

/** The Page behind an `AccountAuth`; a test naming a Page the simulator lacks is a bug. */
export function pageOfAccount(store: FbStore, auth: AccountAuth): Page {
  const page = store.pages.get(auth.externalAccountId)
  if (!page) throw new Error(`The simulator has no Page ${auth.externalAccountId}`)
  return page
}

/** A post on the Page; its id is `<page id>_<post id>`, as Graph gives feed posts. */
export function createPost(
  store: FbStore,
  page: Page,
  input: Omit<Post, 'id' | 'pageId' | 'createdAt' | 'reactions'>,
): Post {
  const post: Post = {
    id: `${page.id}_${graphId(16)}`,
    pageId: page.id,
    createdAt: store.now(),
    reactions: [],
    ...input,
  }
  store.posts.set(post.id, post)
  return post
}

export function addComment(store: FbStore, input: Omit<Comment, 'id' | 'createdAt'>): Comment {
  const comment: Comment = {
    ...input,
    id: `${input.postId.split('_').at(-1)}_${graphId(16)}`,
    createdAt: store.now(),
  }
  store.comments.push(comment)
  return comment
}

/** A Messenger message, in either direction, kept in the Page's conversation with the person. */
export function addMessage(
  store: FbStore,
  input: { page: Page; psid: string; text: string; direction: Message['direction'] },
): Message {
  const message: Message = {
    mid: `m_${randomBytes(18).toString('base64url')}`,
    pageId: input.page.id,
    psid: input.psid,
    text: input.text,
    at: store.now(),
    direction: input.direction,
  }
  store.messages.push(message)
  return message
}

/** When the person last wrote to the Page, for Messenger's window. */
export const lastInbound = (store: FbStore, pageId: string, psid: string) =>
  store.messages
    .filter((m) => m.pageId === pageId && m.psid === psid && m.direction === 'in')
    .at(-1)
