import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import { liErrors } from './errors.js'
import { commentJson, urnSegment } from './restli.js'
import type { LinkedInState, SimMember } from './state.js'

/** socialActions: a post's summary, its comments, and commenting. */
export function socialRoute(
  state: LinkedInState,
  member: SimMember,
  request: RecordedRequest,
  path: { rawId: string; sub?: string },
  body: Record<string, unknown>,
  protocol: (request: RecordedRequest, problem: string) => SimResponse,
): SimResponse | undefined {
  const { method } = request
  const { rawId, sub } = path
  const can = (scope: string) => member.scopes.has(scope)
  {
    const urn = urnSegment(rawId)
    if (!urn) return protocol(request, 'The URN in the socialActions path must be percent-encoded.')
    const post = state.posts.get(urn)
    if (!post || post.deleted) return liErrors.notFound(urn)
    if (!sub && method === 'GET')
      return {
        status: 200,
        body: {
          target: urn,
          likesSummary: {
            totalLikes: post.stats.likes,
            aggregatedTotalLikes: post.stats.likes,
            likedByCurrentUser: false,
          },
          commentsSummary: {
            aggregatedTotalComments: post.comments.length,
            totalFirstLevelComments: post.comments.filter((c) => !c.parentComment).length,
          },
        },
      }
    if (sub === 'comments' && method === 'GET') {
      if (!can('r_organization_social') && !can('r_member_social'))
        return liErrors.denied('socialActions.comments.FINDER')
      const start = Number(request.query.get('start') ?? 0)
      const count = Number(request.query.get('count') ?? 10)
      return {
        status: 200,
        body: {
          paging: { start, count, total: post.comments.length, links: [] },
          elements: post.comments.slice(start, start + count).map(commentJson),
        },
      }
    }
    if (sub === 'comments' && method === 'POST') {
      const actor = String(body.actor ?? '')
      const text = (body.message as { text?: string } | undefined)?.text
      if (!actor || !text)
        return liErrors.unprocessable([
          `/${actor ? 'message/text' : 'actor'} :: field is required but not found and has no default value`,
        ])
      if (
        !state.canActAs(member, actor) ||
        !can(actor.startsWith('urn:li:organization:') ? 'w_organization_social' : 'w_member_social')
      )
        return liErrors.denied('socialActions.comments.CREATE')
      const parent = typeof body.parentComment === 'string' ? body.parentComment : undefined
      if (parent && !post.comments.some((c) => c.urn === parent)) return liErrors.notFound(parent)
      const id = state.nextId()
      const comment = {
        urn: `urn:li:comment:(${urn},${id})`,
        id,
        actor,
        object: urn,
        text,
        time: state.clock.now(),
        ...(parent ? { parentComment: parent } : {}),
      }
      post.comments.push(comment)
      return { status: 201, headers: { 'x-restli-id': comment.urn }, body: commentJson(comment) }
    }
  }
  return undefined
}
