/** Media and comment objects in the shape the Instagram Graph API returns them. */
import { graphTime } from '@statex/graph/testing'
import { insightsOf, type IgComment, type Media } from './state.js'
import { commentCount, type IgStore } from './store.js'

export function mediaOut(store: IgStore, m: Media) {
  const count = commentCount(store, m.id)
  return {
    id: m.id,
    ...(m.caption !== undefined ? { caption: m.caption } : {}),
    media_type: m.mediaType,
    media_product_type: m.productType,
    permalink: `https://www.instagram.com/p/${m.shortcode}/`,
    timestamp: graphTime(m.createdAt),
    username: store.accounts.get(m.userId)?.username,
    like_count: insightsOf(m, count, store.now()).likes,
    comments_count: count,
  }
}

export function commentOut(c: IgComment) {
  return {
    id: c.id,
    text: c.text,
    timestamp: graphTime(c.createdAt),
    username: c.from.username,
    from: c.from,
    ...(c.parentId ? { parent_id: c.parentId } : {}),
  }
}
