import type { Fault, RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import { secret, type LinkedInState, type SimMember, type SimPost } from './state.js'

/** Error bodies as LinkedIn documents them (api-guide/concepts/error-handling). */
export const liErrors = {
  body: (status: number, message: string, extra: Record<string, unknown> = {}): SimResponse => ({
    status,
    body: { status, message, ...extra },
  }),
  revoked: () =>
    liErrors.body(401, 'The token used in the request has been revoked by the user', {
      serviceErrorCode: 65601,
      code: 'REVOKED_ACCESS_TOKEN',
    }),
  expired: () =>
    liErrors.body(401, 'The token used in the request has expired', {
      serviceErrorCode: 65602,
      code: 'EXPIRED_ACCESS_TOKEN',
    }),
  invalidToken: () =>
    liErrors.body(401, 'Invalid access token', {
      serviceErrorCode: 65600,
      code: 'INVALID_ACCESS_TOKEN',
    }),
  denied: (resource: string) =>
    liErrors.body(403, `Not enough permissions to access: ${resource}`, {
      serviceErrorCode: 100,
      code: 'ACCESS_DENIED',
    }),
  notFound: (what: string) =>
    liErrors.body(404, `Not Found: ${what}`, { serviceErrorCode: 0, code: 'NOT_FOUND' }),
  illegal: (message: string) => liErrors.body(400, message, { code: 'ILLEGAL_ARGUMENT' }),
  unprocessable: (lines: string[]) =>
    liErrors.body(422, lines.map((l) => `ERROR :: ${l}\n`).join('')),
}

export function renderLinkedInFault(
  fault: Extract<Fault, { type: 'rate_limit' | 'server_error' | 'reject_content' }>,
): SimResponse {
  if (fault.type === 'rate_limit') {
    // LinkedIn documents no reset header; an injected limit states its wait so tests can check
    // that an answer saying otherwise is honoured (the adapter's default is midnight UTC).
    const response = liErrors.body(
      429,
      'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
      { serviceErrorCode: 101, code: 'TOO_MANY_REQUESTS' },
    )
    return { ...response, headers: { 'retry-after': String(fault.retryAfterSeconds) } }
  }
  if (fault.type === 'server_error')
    return liErrors.body(
      fault.status ?? 500,
      fault.status === 503 ? 'Service Unavailable' : 'Internal Server Error',
    )
  return liErrors.unprocessable([`/commentary :: ${fault.message ?? 'content rejected'}`])
}

export interface LinkedInRouteOptions {
  /** Requests that broke LinkedIn's protocol rules (headers, URN encoding), for tests to assert none. */
  invalidRequests: { method: string; url: string; problem: string }[]
  /** Whether the token endpoint issues refresh tokens (apps approved for programmatic refresh). */
  refreshTokens: boolean
  baseUrl: () => string
}

const ACCESS_TOKEN_LIFETIME_S = 60 * 86_400
const REFRESH_TOKEN_LIFETIME_S = 365 * 86_400
const REQUIRED_POST_FIELDS = [
  'author',
  'commentary',
  'visibility',
  'distribution',
  'lifecycleState',
]

/** Versions are active for about a year; the simulator takes the last 12 months. */
function versionActive(version: string, now: number): boolean {
  const year = Number(version.slice(0, 4))
  const month = Number(version.slice(4, 6))
  if (!(month >= 1 && month <= 12)) return false
  const d = new Date(now)
  const age = (d.getUTCFullYear() - year) * 12 + (d.getUTCMonth() + 1 - month)
  return age >= 0 && age < 12
}

/** A URN path segment must arrive percent-encoded (Rest.li 2.0): `urn%3Ali%3Ashare%3A1`. */
function urnSegment(raw: string | undefined): string | undefined {
  if (!raw || raw.includes(':')) return undefined
  const decoded = decodeURIComponent(raw)
  return decoded.startsWith('urn:li:') ? decoded : undefined
}

/** `List(urn%3A…,urn%3A…)` from the raw query: parentheses and commas literal, URNs encoded. */
function restliList(rawUrl: string, name: string): string[] | undefined | 'malformed' {
  const match = new RegExp(`[?&]${name}=([^&]*)`).exec(rawUrl)
  if (!match) return undefined
  const value = match[1]!
  const list = /^List\(([^()]*)\)$/.exec(value)
  if (!list || list[1]!.includes(':')) return 'malformed'
  return list[1]!.split(',').filter(Boolean).map(decodeURIComponent)
}

function postJson(post: SimPost) {
  return {
    id: post.id,
    ...post.body,
    createdAt: post.createdAt,
    publishedAt: post.createdAt,
    lastModifiedAt: post.createdAt,
  }
}

function commentJson(c: SimPost['comments'][number]) {
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

function tokenEndpoint(
  state: LinkedInState,
  request: RecordedRequest,
  options: LinkedInRouteOptions,
): SimResponse {
  const f = (request.body ?? {}) as Record<string, string>
  const invalid = (error: string, description: string): SimResponse => ({
    status: 400,
    body: { error, error_description: description },
  })
  if (!f.client_id || !f.client_secret)
    return {
      status: 401,
      body: { error: 'invalid_client', error_description: 'Client authentication failed' },
    }
  const issue = (member: SimMember, scopes: string[]): SimResponse => {
    member.accessToken = secret('sim-li-access-')
    member.accessExpiresAt = state.clock.now() + ACCESS_TOKEN_LIFETIME_S * 1000
    member.expired = false
    member.scopes = new Set(scopes)
    if (options.refreshTokens) member.refreshToken = secret('sim-li-refresh-')
    return {
      status: 200,
      body: {
        access_token: member.accessToken,
        expires_in: ACCESS_TOKEN_LIFETIME_S,
        ...(options.refreshTokens
          ? {
              refresh_token: member.refreshToken,
              refresh_token_expires_in: REFRESH_TOKEN_LIFETIME_S,
            }
          : {}),
        scope: scopes.join(','),
        token_type: 'Bearer',
      },
    }
  }
  if (f.grant_type === 'authorization_code') {
    const grant = state.codes.get(f.code ?? '')
    state.codes.delete(f.code ?? '')
    if (
      !grant ||
      grant.expiresAt < state.clock.now() ||
      grant.redirectUri !== f.redirect_uri ||
      grant.clientId !== f.client_id
    )
      return invalid(
        'invalid_request',
        'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists',
      )
    return issue(state.members.get(grant.member)!, grant.scopes)
  }
  if (f.grant_type === 'refresh_token') {
    const member = [...state.members.values()].find(
      (m) => m.refreshToken && m.refreshToken === f.refresh_token,
    )
    if (!member || member.revoked)
      return invalid(
        'invalid_request',
        'The provided authorization grant or refresh token is invalid, expired or revoked.',
      )
    return issue(member, [...member.scopes])
  }
  return invalid('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token')
}

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
    if (path.startsWith('/_sim/media/')) {
      const file = state.files.get(decodeURIComponent(path.slice('/_sim/media/'.length)))
      return file
        ? { status: 200, headers: { 'content-type': file.mimeType }, body: file.bytes }
        : { status: 404, body: 'no such file' }
    }
    if (method === 'GET' && path === '/oauth/v2/authorization') {
      const q = request.query
      const redirect = q.get('redirect_uri')
      if (q.get('response_type') !== 'code' || !q.get('client_id') || !redirect)
        return {
          status: 400,
          body: 'The authorization request needs response_type=code, client_id and redirect_uri.',
        }
      const member = connect()
      const code = secret('sim-li-code-')
      state.codes.set(code, {
        clientId: q.get('client_id')!,
        redirectUri: redirect,
        scopes: (q.get('scope') ?? '').split(/[ ,]+/).filter(Boolean),
        member: member.sub,
        expiresAt: state.clock.now() + 30 * 60_000,
      })
      const target = new URL(redirect)
      target.searchParams.set('code', code)
      if (q.get('state') !== null) target.searchParams.set('state', q.get('state')!)
      return { status: 302, headers: { location: target.toString() }, body: '' }
    }
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
      const action = request.query.get('action')
      if (resource === 'videos' && action === 'finalizeUpload') {
        const f = (body.finalizeUploadRequest ?? {}) as {
          video?: string
          uploadedPartIds?: string[]
        }
        const upload = f.video ? state.uploads.get(f.video) : undefined
        if (!upload) return liErrors.notFound(String(f.video))
        const etags = [...upload.parts.values()].map((p) => p.etag)
        if (JSON.stringify(etags) !== JSON.stringify(f.uploadedPartIds))
          return liErrors.illegal(
            'uploadedPartIds must list the ETag of every uploaded part, in order.',
          )
        upload.finalized = true
        return { status: 200, body: '' }
      }
      if (action !== 'initializeUpload') return liErrors.illegal(`Unknown action ${action}.`)
      const init = (body.initializeUploadRequest ?? {}) as {
        owner?: string
        fileSizeBytes?: number
      }
      if (!init.owner || !state.canActAs(member, init.owner))
        return liErrors.denied(`${resource}.initializeUpload`)
      const kind = resource === 'images' ? 'image' : resource === 'documents' ? 'document' : 'video'
      const urn = `urn:li:${kind}:${state.nextId()}`
      state.uploads.set(urn, {
        urn,
        owner: init.owner,
        kind,
        size: init.fileSizeBytes,
        parts: new Map(),
        finalized: false,
      })
      const url = (key: string) => `${options.baseUrl()}/dms-uploads/${key}`
      const expires = state.clock.now() + 86_400_000
      if (kind !== 'video') {
        const key = secret('')
        state.uploadUrls.set(key, { urn })
        return {
          status: 200,
          body: { value: { uploadUrlExpiresAt: expires, uploadUrl: url(key), [kind]: urn } },
        }
      }
      if (typeof init.fileSizeBytes !== 'number')
        return liErrors.unprocessable([
          '/initializeUploadRequest/fileSizeBytes :: field is required but not found and has no default value',
        ])
      const PART = 4 * 1024 * 1024
      const uploadInstructions = []
      for (let first = 0; first < init.fileSizeBytes; first += PART) {
        const key = secret('')
        const last = Math.min(first + PART, init.fileSizeBytes) - 1
        state.uploadUrls.set(key, { urn, firstByte: first, lastByte: last })
        uploadInstructions.push({ uploadUrl: url(key), firstByte: first, lastByte: last })
      }
      return {
        status: 200,
        body: {
          value: { uploadUrlsExpireAt: expires, video: urn, uploadInstructions, uploadToken: '' },
        },
      }
    }
    if (resource === 'socialActions' && rawId) {
      const urn = urnSegment(rawId)
      if (!urn)
        return protocol(request, 'The URN in the socialActions path must be percent-encoded.')
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
          !can(
            actor.startsWith('urn:li:organization:') ? 'w_organization_social' : 'w_member_social',
          )
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
