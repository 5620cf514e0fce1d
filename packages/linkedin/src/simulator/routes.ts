import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import { liErrors } from './errors.js'
import { authorizationPage, tokenEndpoint } from './oauth.js'
import { postJson, restliList, urnSegment, versionActive } from './restli.js'
import { socialRoute } from './social.js'
import { secret, type LinkedInState, type SimMember, type SimPost } from './state.js'
import { uploadRoute } from './uploads.js'

export { liErrors, renderLinkedInFault } from './errors.js'

export interface LinkedInRouteOptions {
  /** Requests that broke LinkedIn's protocol rules (headers, URN encoding), for tests to assert none. */
  invalidRequests: { method: string; url: string; problem: string }[]
  /** Whether the token endpoint issues refresh tokens (apps approved for programmatic refresh). */
  refreshTokens: boolean
  baseUrl: () => string
}

const REQUIRED_POST_FIELDS = [
  'author',
  'commentary',
  'visibility',
  'distribution',
  'lifecycleState',
]

export function createLinkedInHandler(
  state: LinkedInState,
  options: LinkedInRouteOptions,
  connect: () => SimMember,
) {
  const protocol = (request: RecordedRequest, problem: string): SimResponse => {
    options.invalidRequests.push({ method: request.method, url: request.url, problem })
    return liErrors.illegal(problem)
  }

  return (request: RecordedRequest): SimResponse => {
    const { method, path } = request
    const hosted = state.hostedFiles.serve(path)
    if (hosted) return hosted
    if (method === 'GET' && path === '/oauth/v2/authorization')
      return authorizationPage(state, request, connect)
    if (method === 'POST' && path === '/oauth/v2/accessToken')
      return tokenEndpoint(state, request, options)

    const auth = String(request.headers.authorization ?? '')
    const member = auth.startsWith('Bearer ') ? state.memberByToken(auth.slice(7)) : undefined

    if (method === 'PUT' && path.startsWith('/dms-uploads/')) {
      if (!member) return liErrors.invalidToken()
      const key = path.slice('/dms-uploads/'.length)
      const target = state.uploadUrls.get(key)
      const upload = target && state.uploads.get(target.urn)
      if (!target || !upload) return liErrors.notFound('upload URL')
      const bytes = request.rawBody.length
      if (target.firstByte !== undefined && bytes !== target.lastByte! - target.firstByte + 1)
        return liErrors.illegal(
          `The part must be bytes ${target.firstByte}-${target.lastByte}; got ${bytes} bytes.`,
        )
      const etag = `/ambry-video/signedId/${secret('')}`
      upload.parts.set(key, { bytes, etag })
      if (upload.kind !== 'video') upload.finalized = true
      return { status: 201, headers: { etag }, body: '' }
    }

    if (!member) return liErrors.invalidToken()
    if (member.revoked) return liErrors.revoked()
    if (
      member.expired ||
      (member.accessExpiresAt !== undefined && state.clock.now() > member.accessExpiresAt)
    )
      return liErrors.expired()

    if (method === 'GET' && path === '/v2/userinfo') {
      if (!member.scopes.has('openid')) return liErrors.denied('/userinfo (openid)')
      const [given, ...family] = member.name.split(' ')
      return {
        status: 200,
        body: {
          sub: member.sub,
          name: member.name,
          given_name: given,
          family_name: family.join(' '),
          picture: `https://media.licdn.com/dms/image/${member.sub}/profile.jpg`,
          locale: { country: 'US', language: 'en' },
        },
      }
    }
    if (!path.startsWith('/rest/')) return liErrors.notFound(path)

    const version = request.headers['linkedin-version']
    if (typeof version !== 'string') {
      options.invalidRequests.push({
        method,
        url: request.url,
        problem: 'LinkedIn-Version missing',
      })
      return liErrors.body(
        400,
        'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
        { code: 'VERSION_MISSING' },
      )
    }
    if (!/^\d{6}$/.test(version) || !versionActive(version, state.clock.now()))
      return liErrors.body(426, `Requested version ${version} is not active`, {
        code: 'NONEXISTENT_VERSION',
      })
    if (request.headers['x-restli-protocol-version'] !== '2.0.0')
      return protocol(request, 'X-Restli-Protocol-Version: 2.0.0 is required.')

    const segments = path.split('/').slice(2)
    const [resource, rawId, sub] = segments
    const body = (request.body ?? {}) as Record<string, unknown>
    const can = (scope: string) => member.scopes.has(scope)

    if (resource === 'posts' && method === 'POST' && !rawId) {
      const missing = REQUIRED_POST_FIELDS.filter((f) => body[f] === undefined)
      if (missing.length)
        return liErrors.unprocessable(
          missing.map((f) => `/${f} :: field is required but not found and has no default value`),
        )
      const author = String(body.author)
      const isOrg = author.startsWith('urn:li:organization:')
      if (
        !state.canActAs(member, author) ||
        !can(isOrg ? 'w_organization_social' : 'w_member_social')
      )
        return liErrors.denied('partnerApiPostsExternal.CREATE.20240101')
      const commentary = String(body.commentary)
      if ([...commentary].length > 3000)
        return liErrors.unprocessable(['/commentary :: length of commentary exceeds 3000'])
      const content = body.content as
        { media?: { id: string }; multiImage?: { images: { id: string }[] } } | undefined
      const ids = [
        content?.media?.id,
        ...(content?.multiImage?.images.map((i) => i.id) ?? []),
      ].filter((x): x is string => !!x)
      for (const id of ids) {
        const upload = state.uploads.get(id)
        if (!upload || upload.owner !== author || !upload.finalized)
          return liErrors.unprocessable([
            `/content/media/id :: ${id} is not an uploaded asset of ${author}`,
          ])
      }
      if (
        content?.multiImage &&
        (content.multiImage.images.length < 2 || content.multiImage.images.length > 20)
      )
        return liErrors.unprocessable([
          '/content/multiImage/images :: a multi-image post has 2 to 20 images',
        ])
      const id = `urn:li:share:${state.nextId()}`
      state.posts.set(id, {
        id,
        author,
        commentary,
        body,
        createdAt: state.clock.now(),
        deleted: false,
        comments: [],
        stats: { impressions: 0, unique: 0, clicks: 0, likes: 0, shares: 0 },
      })
      return { status: 201, headers: { 'x-restli-id': id, 'x-linkedin-id': id }, body: '' }
    }
    if (resource === 'posts' && method === 'GET' && !rawId) {
      if (request.query.get('q') !== 'author')
        return liErrors.illegal('Only the author finder (q=author) is served.')
      const raw = /[?&]author=([^&]*)/.exec(request.url)?.[1]
      if (!raw || raw.includes(':'))
        return protocol(request, 'author must be a percent-encoded URN.')
      const author = decodeURIComponent(raw)
      const isOrg = author.startsWith('urn:li:organization:')
      if (
        !state.canActAs(member, author) ||
        !can(isOrg ? 'r_organization_social' : 'r_member_social')
      )
        return liErrors.denied('partnerApiPostsExternal.FINDER-author.20240101')
      const start = Number(request.query.get('start') ?? 0)
      const count = Number(request.query.get('count') ?? 10)
      const all = [...state.posts.values()]
        .filter((p) => p.author === author && !p.deleted)
        .sort((a, b) => b.createdAt - a.createdAt || (b.id > a.id ? 1 : -1))
      return {
        status: 200,
        body: {
          paging: { start, count, total: all.length, links: [] },
          elements: all.slice(start, start + count).map(postJson),
        },
      }
    }
    if (resource === 'posts' && rawId) {
      const urn = urnSegment(rawId)
      if (!urn) return protocol(request, 'The post URN in the path must be percent-encoded.')
      const post = state.posts.get(urn)
      if (!post || post.deleted) return liErrors.notFound(urn)
      if (method === 'GET') return { status: 200, body: postJson(post) }
      if (method === 'DELETE') {
        if (!state.canActAs(member, post.author))
          return liErrors.denied('partnerApiPostsExternal.DELETE.20240101')
        post.deleted = true
        return { status: 204, body: '' }
      }
    }
    if (
      (resource === 'images' || resource === 'documents' || resource === 'videos') &&
      method === 'POST'
    ) {
      const answer = uploadRoute(state, member, resource, request, body, options)
      if (answer) return answer
    }
    if (resource === 'socialActions' && rawId) {
      const answer = socialRoute(
        state,
        member,
        request,
        { rawId, ...(sub ? { sub } : {}) },
        body,
        protocol,
      )
      if (answer) return answer
    }
    if (resource === 'organizationalEntityShareStatistics' && method === 'GET') {
      const org = /[?&]organizationalEntity=([^&]*)/.exec(request.url)?.[1]
      if (!org || org.includes(':'))
        return protocol(request, 'organizationalEntity must be a percent-encoded URN.')
      const orgUrn = decodeURIComponent(org)
      if (!state.canActAs(member, orgUrn) || !can('r_organization_social'))
        return liErrors.denied('organizationalEntityShareStatistics')
      const lists = [restliList(request.url, 'shares'), restliList(request.url, 'ugcPosts')]
      if (lists.includes('malformed'))
        return protocol(request, 'shares/ugcPosts must be List(…) of percent-encoded URNs.')
      const urns = lists.flatMap((l) => (Array.isArray(l) ? l : []))
      const elements = urns
        .map((u) => state.posts.get(u))
        .filter((p): p is SimPost => !!p && p.author === orgUrn)
        .map((p) => ({
          organizationalEntity: orgUrn,
          [p.id.startsWith('urn:li:share:') ? 'share' : 'ugcPost']: p.id,
          totalShareStatistics: {
            impressionCount: p.stats.impressions,
            uniqueImpressionsCount: p.stats.unique,
            clickCount: p.stats.clicks,
            likeCount: p.stats.likes,
            commentCount: p.comments.length,
            shareCount: p.stats.shares,
            engagement: p.stats.impressions
              ? (p.stats.clicks + p.stats.likes + p.comments.length + p.stats.shares) /
                p.stats.impressions
              : 0,
          },
        }))
      return {
        status: 200,
        body: { paging: { start: 0, count: elements.length, links: [] }, elements },
      }
    }
    // Organization follower count. Any member may read it; `edgeType` is required and a member
    // URN is refused (member network sizes are not open to ordinary apps).
    // @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api#retrieve-organization-follower-count
    if (resource === 'networkSizes' && rawId && method === 'GET') {
      const urn = urnSegment(rawId)
      if (!urn) return protocol(request, 'The URN in the path must be percent-encoded.')
      const edgeType = /[?&]edgeType=([^&]*)/.exec(request.url)?.[1]
      if (edgeType !== 'COMPANY_FOLLOWED_BY_MEMBER')
        return liErrors.body(
          400,
          'edgeType must be COMPANY_FOLLOWED_BY_MEMBER for an organization.',
          {
            code: 'ILLEGAL_ARGUMENT',
          },
        )
      const org = state.organizations.get(urn)
      if (!org) return liErrors.notFound(urn)
      return { status: 200, body: { firstDegreeSize: org.followers } }
    }
    if (resource === 'organizationAcls' && method === 'GET') {
      const elements = [...state.organizations.values()]
        .filter((o) => o.admins.has(member.urn))
        .map((o) => ({
          roleAssignee: member.urn,
          role: 'ADMINISTRATOR',
          state: 'APPROVED',
          organization: o.urn,
        }))
      return {
        status: 200,
        body: { paging: { start: 0, count: elements.length, total: elements.length }, elements },
      }
    }
    if (resource === 'organizations' && method === 'GET' && rawId) {
      const org = state.organizations.get(`urn:li:organization:${rawId}`)
      return org
        ? {
            status: 200,
            body: { id: org.id, localizedName: org.localizedName, vanityName: org.vanityName },
          }
        : liErrors.notFound(rawId)
    }
    return liErrors.notFound(`${method} ${path}`)
  }
}
