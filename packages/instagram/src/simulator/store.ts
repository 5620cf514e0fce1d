/**
 * The Instagram simulator's state: accounts, containers, media, comments and direct messages,
 * with the few writes and queries every route shares. Routes and controls read it; nothing else
 * holds state.
 */
import { randomBytes } from 'node:crypto'
import type { AccountAuth } from '@statex/core'
import { graphId } from '@statex/graph/testing'
import {
  QUOTA_WINDOW_MS,
  type Container,
  type Dm,
  type IgAccount,
  type IgComment,
  type Media,
} from './state.js'

export interface IgStore {
  readonly accounts: Map<string, IgAccount>
  readonly containers: Map<string, Container>
  readonly media: Map<string, Media>
  readonly comments: IgComment[]
  readonly dms: Dm[]
  now(): number
}

export function createIgStore(now: () => number): IgStore {
  return {
    accounts: new Map(),
    containers: new Map(),
    media: new Map(),
    comments: [],
    dms: [],
    now,
  }
}

/** The account behind an `AccountAuth`; a test naming an account the simulator lacks is a bug. */
export function accountOf(store: IgStore, auth: AccountAuth): IgAccount {
  const account = store.accounts.get(auth.externalAccountId)
  if (!account) throw new Error(`The simulator has no Instagram account ${auth.externalAccountId}`)
  return account
}

export function addComment(store: IgStore, input: Omit<IgComment, 'id' | 'createdAt'>): IgComment {
  const comment: IgComment = { ...input, id: graphId(17), createdAt: store.now() }
  store.comments.push(comment)
  return comment
}

export const commentCount = (store: IgStore, mediaId: string) =>
  store.comments.filter((c) => c.mediaId === mediaId).length

/** Posts toward content_publishing_limit: the rolling window, stories excluded. */
export function quotaUsage(store: IgStore, userId: string): number {
  return [...store.media.values()].filter(
    (m) =>
      m.userId === userId &&
      m.productType !== 'STORY' &&
      store.now() - m.createdAt < QUOTA_WINDOW_MS,
  ).length
}

/** A direct message, in either direction, kept in the account's conversation. */
export function addDm(
  store: IgStore,
  input: { account: IgAccount; igsid: string; text: string; direction: Dm['direction'] },
): Dm {
  const dm: Dm = {
    mid: `aWdfZAG${randomBytes(18).toString('base64url')}`,
    userId: input.account.id,
    igsid: input.igsid,
    text: input.text,
    at: store.now(),
    direction: input.direction,
  }
  store.dms.push(dm)
  return dm
}
