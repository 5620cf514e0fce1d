import {
  endpoint,
  parseResponse,
  sendRequest,
  unexpectedResponse,
  type FetchFn,
  type HttpContext,
  type HttpRequest,
  type HttpResponse,
} from '@statex/core/adapter'
import type { z } from 'zod'
import { classifyLinkedInError, classifyLinkedInTokenError } from './errors.js'
import {
  CommentListSchema,
  CommentSchema,
  InitializeUploadSchema,
  OrganizationAclsSchema,
  OrganizationSchema,
  PostListSchema,
  NetworkSizeSchema,
  ShareStatisticsSchema,
  SocialActionsSchema,
  UserInfoSchema,
  VideoInitializeSchema,
} from './schemas.js'

/** Rest.li wants URNs percent-encoded inside paths and query values (`urn%3Ali%3Ashare%3A1`). */
export const encodeUrn = (urn: string) => encodeURIComponent(urn)

export interface LinkedInClientOptions {
  baseUrl: string
  fetch: FetchFn
  token: string
  /** `LinkedIn-Version: YYYYMM`. */
  version: string
}

/** The body of POST /rest/posts (the fields the adapter sends). */
export interface PostCreateRequest {
  author: string
  commentary: string
  visibility: 'PUBLIC' | 'CONNECTIONS' | 'LOGGED_IN'
  distribution: {
    feedDistribution: 'MAIN_FEED' | 'NONE'
    targetEntities: unknown[]
    thirdPartyDistributionChannels: unknown[]
  }
  lifecycleState: 'PUBLISHED'
  isReshareDisabledByAuthor: boolean
  content?:
    | { media: { id: string; altText?: string; title?: string } }
    | { multiImage: { images: { id: string; altText?: string }[] } }
    | { article: { source: string; title: string; description?: string; thumbnail?: string } }
}

type Call = Omit<HttpRequest, 'url'> & {
  path: string
  /** Already encoded Rest.li query string (List(...) must keep its parentheses and commas). */
  rawQuery?: string
  query?: Record<string, string | number | undefined>
  creates?: boolean
  scope?: string
}

/**
 * A thin client of LinkedIn's versioned REST API: one method per endpoint, `LinkedIn-Version` and
 * `X-Restli-Protocol-Version: 2.0.0` on every /rest call, never a retry.
 * @see https://learn.microsoft.com/en-us/linkedin/marketing/versioning
 */
export function linkedinClient(options: LinkedInClientOptions) {
  const secrets = [options.token]
  const context = (call: Call): HttpContext => ({
    platform: 'linkedin',
    fetch: options.fetch,
    secrets,
    classify: (response) =>
      classifyLinkedInError(response, {
        creates: call.creates,
        scope: call.scope,
        version: options.version,
        secrets,
      }),
  })

  async function send(call: Call): Promise<HttpResponse> {
    const url = endpoint(options.baseUrl, call.path, call.query)
    if (call.rawQuery)
      url.search = url.search ? `${url.search}&${call.rawQuery}` : `?${call.rawQuery}`
    return sendRequest(context(call), {
      method: call.method,
      url,
      headers: {
        authorization: `Bearer ${options.token}`,
        ...(call.path.startsWith('/rest/')
          ? { 'linkedin-version': options.version, 'x-restli-protocol-version': '2.0.0' }
          : {}),
        ...call.headers,
      },
      body: call.body,
      signal: call.signal,
    })
  }

  async function json<S extends z.ZodType>(call: Call, schema: S): Promise<z.infer<S>> {
    return parseResponse(
      'linkedin',
      await send(call),
      schema,
      (issue) => `${call.method} ${call.path} did not match the documented shape: ${issue}`,
      secrets,
    )
  }

  return {
    /** 201, the URN in `x-restli-id`. @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api */
    async createPost(body: PostCreateRequest, signal?: AbortSignal): Promise<string> {
      const scope = body.author.startsWith('urn:li:organization:')
        ? 'w_organization_social'
        : 'w_member_social'
      const response = await send({
        method: 'POST',
        path: '/rest/posts',
        body,
        signal,
        creates: true,
        scope,
      })
      const urn = response.headers.get('x-restli-id') ?? response.headers.get('x-linkedin-id')
      if (!urn)
        throw unexpectedResponse(
          'linkedin',
          response,
          'no x-restli-id header with the post URN',
          secrets,
        )
      return urn
    },
    /** @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api#delete-posts */
    deletePost: (urn: string, signal?: AbortSignal) =>
      send({ method: 'DELETE', path: `/rest/posts/${encodeUrn(urn)}`, signal }).then(
        () => undefined,
      ),
    /** The author's posts, newest first (`q=author`). Member authors need r_member_social. */
    postsByAuthor: (author: string, page: { start: number; count: number }, signal?: AbortSignal) =>
      json(
        {
          method: 'GET',
          path: '/rest/posts',
          rawQuery: `q=author&author=${encodeUrn(author)}&sortBy=CREATED&start=${page.start}&count=${page.count}`,
          signal,
          scope: author.startsWith('urn:li:organization:')
            ? 'r_organization_social'
            : 'r_member_social',
        },
        PostListSchema,
      ),
    /** @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api */
    initializeImageUpload: (owner: string, signal?: AbortSignal) =>
      json(
        {
          method: 'POST',
          path: '/rest/images',
          query: { action: 'initializeUpload' },
          body: { initializeUploadRequest: { owner } },
          signal,
        },
        InitializeUploadSchema,
      ),
    /** @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/documents-api */
    initializeDocumentUpload: (owner: string, signal?: AbortSignal) =>
      json(
        {
          method: 'POST',
          path: '/rest/documents',
          query: { action: 'initializeUpload' },
          body: { initializeUploadRequest: { owner } },
          signal,
        },
        InitializeUploadSchema,
      ),
    /** @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/videos-api */
    initializeVideoUpload: (owner: string, fileSizeBytes: number, signal?: AbortSignal) =>
      json(
        {
          method: 'POST',
          path: '/rest/videos',
          query: { action: 'initializeUpload' },
          body: {
            initializeUploadRequest: {
              owner,
              fileSizeBytes,
              uploadCaptions: false,
              uploadThumbnail: false,
            },
          },
          signal,
        },
        VideoInitializeSchema,
      ),
    finalizeVideoUpload: (
      video: string,
      uploadToken: string,
      uploadedPartIds: string[],
      signal?: AbortSignal,
    ) =>
      send({
        method: 'POST',
        path: '/rest/videos',
        query: { action: 'finalizeUpload' },
        body: { finalizeUploadRequest: { video, uploadToken, uploadedPartIds } },
        signal,
      }).then(() => undefined),
    /** PUT the bytes to an upload URL LinkedIn gave; returns the part's ETag (videos need it). */
    async upload(
      uploadUrl: string,
      bytes: Uint8Array,
      signal?: AbortSignal,
    ): Promise<string | undefined> {
      const response = await sendRequest(context({ method: 'PUT', path: '' }), {
        method: 'PUT',
        url: new URL(uploadUrl),
        headers: {
          authorization: `Bearer ${options.token}`,
          'content-type': 'application/octet-stream',
        },
        body: bytes,
        signal,
      })
      return response.headers.get('etag') ?? undefined
    },
    /** @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/network-update-social-actions */
    socialActions: (urn: string, signal?: AbortSignal) =>
      json(
        { method: 'GET', path: `/rest/socialActions/${encodeUrn(urn)}`, signal },
        SocialActionsSchema,
      ),
    /** @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api */
    comments: (urn: string, page: { start: number; count: number }, signal?: AbortSignal) =>
      json(
        {
          method: 'GET',
          path: `/rest/socialActions/${encodeUrn(urn)}/comments`,
          query: page,
          signal,
          scope: 'r_organization_social',
        },
        CommentListSchema,
      ),
    /** 201 with the comment; its URN also in `x-restli-id`. */
    async createComment(
      urn: string,
      body: { actor: string; object: string; message: { text: string }; parentComment?: string },
      signal?: AbortSignal,
    ): Promise<string> {
      const response = await send({
        method: 'POST',
        path: `/rest/socialActions/${encodeUrn(urn)}/comments`,
        body,
        signal,
        creates: true,
        scope: body.actor.startsWith('urn:li:organization:')
          ? 'w_organization_social'
          : 'w_member_social',
      })
      const parsed = CommentSchema.safeParse(response.json)
      const id =
        response.headers.get('x-restli-id') ??
        (parsed.success ? (parsed.data.$URN ?? parsed.data.commentUrn) : undefined)
      if (!id)
        throw unexpectedResponse('linkedin', response, 'no comment URN in the answer', secrets)
      return id
    },
    /** Followers of an organization. @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api#retrieve-organization-follower-count */
    organizationFollowers: (organization: string, signal?: AbortSignal) =>
      json(
        {
          method: 'GET',
          path: `/rest/networkSizes/${encodeUrn(organization)}`,
          rawQuery: 'edgeType=COMPANY_FOLLOWED_BY_MEMBER',
          signal,
        },
        NetworkSizeSchema,
      ),
    /** @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/share-statistics */
    shareStatistics: (organization: string, posts: string[], signal?: AbortSignal) => {
      const shares = posts.filter((p) => p.startsWith('urn:li:share:'))
      const ugcPosts = posts.filter((p) => p.startsWith('urn:li:ugcPost:'))
      const list = (urns: string[]) => `List(${urns.map(encodeUrn).join(',')})`
      return json(
        {
          method: 'GET',
          path: '/rest/organizationalEntityShareStatistics',
          rawQuery: [
            'q=organizationalEntity',
            `organizationalEntity=${encodeUrn(organization)}`,
            ...(shares.length ? [`shares=${list(shares)}`] : []),
            ...(ugcPosts.length ? [`ugcPosts=${list(ugcPosts)}`] : []),
          ].join('&'),
          signal,
          scope: 'r_organization_social',
        },
        ShareStatisticsSchema,
      )
    },
    /** The organizations the member administers. @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role */
    organizationAcls: (signal?: AbortSignal) =>
      json(
        {
          method: 'GET',
          path: '/rest/organizationAcls',
          rawQuery: 'q=roleAssignee&role=ADMINISTRATOR&state=APPROVED',
          signal,
        },
        OrganizationAclsSchema,
      ),
    organization: (id: string, signal?: AbortSignal) =>
      json(
        { method: 'GET', path: `/rest/organizations/${encodeURIComponent(id)}`, signal },
        OrganizationSchema,
      ),
    /** @see https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2 */
    userInfo: (signal?: AbortSignal) =>
      json({ method: 'GET', path: '/v2/userinfo', signal }, UserInfoSchema),
  }
}

export type LinkedInClient = ReturnType<typeof linkedinClient>

/** POST /oauth/v2/accessToken, form-encoded, client id and secret in the body as LinkedIn documents. */
export async function requestLinkedInToken(options: {
  oauthBaseUrl: string
  fetch: FetchFn
  clientId: string
  clientSecret: string
  params: Record<string, string>
  signal?: AbortSignal
}): Promise<unknown> {
  const grant = options.params.grant_type as 'authorization_code' | 'refresh_token'
  const secrets = [options.params.code, options.params.refresh_token, options.clientSecret].filter(
    (s): s is string => !!s,
  )
  const response = await sendRequest(
    {
      platform: 'linkedin',
      fetch: options.fetch,
      secrets,
      classify: (r) => classifyLinkedInTokenError(r, { grant, secrets }),
    },
    {
      method: 'POST',
      url: endpoint(options.oauthBaseUrl, '/oauth/v2/accessToken'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...options.params,
        client_id: options.clientId,
        client_secret: options.clientSecret,
      }),
      signal: options.signal,
    },
  )
  return response.json
}
