/**
 * Reading a Graph request the way Graph does: `/<version>/<node>/<edge>` paths and form or JSON
 * body parameters (Graph accepts both, so values may arrive as strings).
 */
import type { RecordedRequest } from '@statex/testkit/simulator'

/** A body parameter, whatever its type; undefined when the body is not an object. */
export const bodyField = (body: unknown, name: string): unknown =>
  body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined

/** A string body parameter; undefined when absent or not a string. */
export const bodyString = (body: unknown, name: string) => {
  const value = bodyField(body, name)
  return typeof value === 'string' ? value : undefined
}

/** A boolean body parameter: form bodies send `'true'`; `fallback` when absent. */
export const bodyFlag = (body: unknown, name: string, fallback = false) => {
  const value = bodyField(body, name)
  if (value === undefined) return fallback
  return value === true || value === 'true'
}

/** Whether Graph could fetch a media URL: only absolute http(s) URLs. */
export const isPublicUrl = (value: string | undefined) => {
  try {
    return !!value && ['http:', 'https:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

/**
 * The node id and edge of a versioned Graph path (`/v23.0/<id>/<edge>`), or undefined when the
 * path is not versioned or goes deeper than one edge (Graph answers both with unknown path).
 */
export function graphNode(request: RecordedRequest): { id: string; edge?: string } | undefined {
  const match = /^\/v\d+\.\d+\/(.+)$/.exec(request.path)
  if (!match) return undefined
  const [id, edge, ...rest] = match[1]!.split('/').map(decodeURIComponent)
  if (rest.length) return undefined
  return edge === undefined ? { id: id! } : { id: id!, edge }
}
