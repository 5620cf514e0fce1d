import type { SimPost } from './state.js'

/** Versions are active for about a year; the simulator takes the last 12 months. */
export function versionActive(version: string, now: number): boolean {
  const year = Number(version.slice(0, 4))
  const month = Number(version.slice(4, 6))
  if (!(month >= 1 && month <= 12)) return false
  const d = new Date(now)
  const age = (d.getUTCFullYear() - year) * 12 + (d.getUTCMonth() + 1 - month)
  return age >= 0 && age < 12
}

/** A URN path segment must arrive percent-encoded (Rest.li 2.0): `urn%3Ali%3Ashare%3A1`. */
export function urnSegment(raw: string | undefined): string | undefined {
  if (!raw || raw.includes(':')) return undefined
  const decoded = decodeURIComponent(raw)
  return decoded.startsWith('urn:li:') ? decoded : undefined
}

/** `List(urn%3A…,urn%3A…)` from the raw query: parentheses and commas literal, URNs encoded. */
export function restliList(rawUrl: string, name: string): string[] | undefined | 'malformed' {
  const match = new RegExp(`[?&]${name}=([^&]*)`).exec(rawUrl)
  if (!match) return undefined
  const value = match[1]!
  const list = /^List\(([^()]*)\)$/.exec(value)
  if (!list || list[1]!.includes(':')) return 'malformed'
  return list[1]!.split(',').filter(Boolean).map(decodeURIComponent)
}

export function postJson(post: SimPost) {
  return {
    id: post.id,
    ...post.body,
    createdAt: post.createdAt,
    publishedAt: post.createdAt,
    lastModifiedAt: post.createdAt,
  }
}

export function commentJson(c: SimPost['comments'][number]) {
  return {
    actor: c.actor,
    object: c.object,
    id: c.id,
    commentUrn: c.urn,
    $URN: c.urn,
    message: { text: c.text, attributes: [] },
    created: { actor: c.actor, time: c.time },
    lastModified: { actor: c.actor, time: c.time },
    ...(c.parentComment ? { parentComment: c.parentComment } : {}),
  }
}
