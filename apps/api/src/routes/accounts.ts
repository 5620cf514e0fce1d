import { createHash, randomBytes } from 'node:crypto'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ProviderError } from '@statex/core'
import type { SocialAccount } from '@statex/db'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, Id, Instant, Platform, authErrors } from '../schemas/common.js'

const tags = ['accounts']
const STATE_TTL_MS = 10 * 60_000
// Tokens expiring within this window show as "expiring" so a person reconnects in time.
const EXPIRING_MS = 7 * 86_400_000

const Account = z
  .object({
    id: Id,
    platform: Platform,
    displayName: z.string(),
    handle: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    status: z.enum(['active', 'needs_reconnect', 'disabled']),
    health: z.object({
      state: z.enum(['ok', 'expiring', 'expired', 'needs_reconnect', 'disabled']),
      tokenExpiresAt: Instant.nullable(),
      lastError: z.string().nullable(),
    }),
    createdAt: Instant,
  })
  .meta({ id: 'Account' })

export function toAccountBody(account: SocialAccount, now = Date.now()): z.infer<typeof Account> {
  const expires = account.accessTokenExpiresAt?.getTime()
  const state =
    account.status === 'disabled'
      ? 'disabled'
      : account.status === 'needs_reconnect'
        ? 'needs_reconnect'
        : expires !== undefined && expires <= now && !account.hasRefreshToken
          ? 'expired'
          : expires !== undefined && expires - now < EXPIRING_MS && !account.hasRefreshToken
            ? 'expiring'
            : 'ok'
  return {
    id: account.id,
    platform: account.platform,
    displayName: account.displayName,
    handle: account.handle,
    avatarUrl: account.avatarUrl,
    status: account.status,
    health: {
      state,
      tokenExpiresAt: account.accessTokenExpiresAt?.toISOString() ?? null,
      lastError: account.statusReason,
    },
    createdAt: account.createdAt.toISOString(),
  }
}

export interface AccountRouteOptions extends Pick<AppDeps, 'db' | 'providers'> {
  publicUrl: string
}

/** Connected accounts: list with health, OAuth connect and callback, disconnect. */
export const accountRoutes: FastifyPluginAsyncZod<AccountRouteOptions> = async (
  app,
  { db, providers, publicUrl },
) => {
  app.get(
    '/v1/accounts',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'Connected accounts with their health',
        response: { 200: z.object({ data: z.array(Account) }), ...authErrors },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const accounts = await db.accounts.listAccounts(principal.workspaceId)
      return { data: accounts.map((a) => toAccountBody(a)) }
    },
  )

  app.post(
    '/v1/accounts/:platform/connect',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary: 'Start an OAuth connect: the URL to send the person to',
        params: z.object({ platform: Platform }),
        response: {
          200: z.object({ authorizationUrl: z.url(), expiresAt: Instant }),
          ...authErrors,
          422: ErrorBody,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const { platform } = request.params
      const provider = providers.providers[platform]
      if (!provider)
        throw new ApiError('INVALID_INPUT', {
          message: `${platform} is not configured on this server; see GET /v1/platforms.`,
        })
      if (provider.capabilities.connection !== 'oauth' || !provider.getAuthorizationUrl)
        throw new ApiError('INVALID_INPUT', {
          message: `${platform} connects with a token, not OAuth: paste it in the dashboard.`,
        })
      const state = randomBytes(32).toString('base64url')
      // PKCE (RFC 7636, S256): the verifier never leaves the server.
      const codeVerifier = randomBytes(48).toString('base64url')
      const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url')
      const redirectUri = `${publicUrl}/v1/oauth/${platform}/callback`
      const expiresAt = new Date(Date.now() + STATE_TTL_MS)
      await db.oauthStates.saveState({
        state,
        workspaceId: principal.workspaceId,
        platform,
        codeVerifier,
        redirectUri,
        createdBy: principal.actor,
        expiresAt,
      })
      const url = provider.getAuthorizationUrl({ state, redirectUri, codeChallenge })
      return { authorizationUrl: url.toString(), expiresAt: expiresAt.toISOString() }
    },
  )

  app.post(
    '/v1/accounts/:platform/token',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary:
          'Connect a Telegram bot or WhatsApp number by its token, checked against the platform first',
        params: z.object({ platform: Platform }),
        body: z
          .object({
            accessToken: z.string().trim().min(10).max(4096),
            externalAccountId: z
              .string()
              .trim()
              .min(1)
              .max(256)
              .describe(
                'Telegram: the channel @username or chat id; WhatsApp: the phone number id',
              ),
          })
          .strict(),
        response: {
          201: z.object({ account: Account }),
          ...authErrors,
          400: ErrorBody,
          422: ErrorBody,
          502: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { platform } = request.params
      const provider = providers.providers[platform]
      if (!provider)
        throw new ApiError('INVALID_INPUT', {
          message: `${platform} is not configured on this server; see GET /v1/platforms.`,
        })
      if (provider.capabilities.connection !== 'token' || !provider.connectWithToken)
        throw new ApiError('INVALID_INPUT', {
          message: `${platform} connects through OAuth: POST /v1/accounts/${platform}/connect.`,
        })
      let connected
      try {
        connected = await provider.connectWithToken(request.body)
      } catch (error) {
        if (!ProviderError.is(error)) throw error
        // Nothing is stored: the platform said no, or could not be asked.
        if (error.kind === 'transient' || error.kind === 'rate_limited')
          throw new ApiError('PLATFORM_ERROR', {
            message: `${platform} could not check the token now: ${error.message}`,
            details: { kind: error.kind },
          })
        throw new ApiError('INVALID_INPUT', {
          message: `${platform} refused: ${error.message}`,
          details: { kind: error.kind },
        })
      }
      const account = await db.accounts.connectAccount(principal.workspaceId, connected)
      void reply.code(201)
      return { account: toAccountBody(account) }
    },
  )

  app.get(
    '/v1/oauth/:platform/callback',
    {
      schema: {
        tags,
        summary: 'Where the platform sends the person back; the one-time state authenticates it',
        security: [],
        params: z.object({ platform: Platform }),
        querystring: z.object({
          code: z.string().min(1).max(4096).optional(),
          state: z.string().min(1).max(256),
          error: z.string().max(256).optional(),
          error_description: z.string().max(2048).optional(),
        }),
        response: {
          200: z.object({ account: Account }),
          400: ErrorBody,
          404: ErrorBody,
          502: ErrorBody,
        },
      },
    },
    async (request) => {
      const { platform } = request.params
      const { code, state, error } = request.query
      const saved = await db.oauthStates.consumeState(state)
      if (!saved || saved.platform !== platform)
        throw new ApiError('MALFORMED_REQUEST', {
          message: 'This connect link has expired or was already used; start the connect again.',
        })
      if (error || !code)
        throw new ApiError('MALFORMED_REQUEST', {
          message: `The platform did not authorise the connect${error ? ` (${error})` : ''}; start again.`,
        })
      const provider = providers.providers[platform]
      if (!provider?.exchangeCode) throw new ApiError('NOT_FOUND')
      let connected
      try {
        connected = await provider.exchangeCode({
          code,
          redirectUri: saved.redirectUri,
          codeVerifier: saved.codeVerifier,
        })
      } catch (cause) {
        throw new ApiError('PLATFORM_ERROR', {
          message: `${platform} refused the authorisation code; start the connect again.`,
          cause,
        })
      }
      const account = await db.accounts.connectAccount(saved.workspaceId, connected)
      return { account: toAccountBody(account) }
    },
  )

  app.delete(
    '/v1/accounts/:id',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary:
          'Disconnect an account; refused while posts are scheduled on it unless cancelScheduled=true',
        params: z.object({ id: Id }),
        querystring: z.object({ cancelScheduled: z.enum(['true', 'false']).default('false') }),
        response: {
          200: z.object({
            removed: z.enum(['deleted', 'disabled']),
            cancelledTargets: z.array(Id),
          }),
          ...authErrors,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const account = await db.accounts.getAccount(request.params.id)
      if (!account || account.workspaceId !== principal.workspaceId)
        throw new ApiError('NOT_FOUND', {
          message: `No account ${request.params.id} in this workspace.`,
        })
      const scheduled = await db.posts.listScheduledTargetsOfAccount(account.id)
      if (scheduled.length && request.query.cancelScheduled !== 'true')
        throw new ApiError('ACCOUNT_HAS_SCHEDULED_POSTS', {
          details: {
            scheduledTargets: scheduled.map((t) => ({
              targetId: t.id,
              postId: t.groupId,
              scheduledAt: t.scheduledAt?.toISOString() ?? null,
            })),
          },
        })
      const cancelled: string[] = []
      for (const t of scheduled) {
        await db.posts.transitionTarget(t.id, {
          from: 'SCHEDULED',
          to: 'DRAFT',
          reason: 'account disconnected',
          actor: principal.actor,
          version: t.version,
        })
        cancelled.push(t.id)
      }
      try {
        await db.accounts.deleteAccount(account.id)
        return { removed: 'deleted' as const, cancelledTargets: cancelled }
      } catch (error) {
        if ((error as Error).name !== 'AccountHasPostsError') throw error
        // Its posts' history stays: the account is disabled, its tokens no longer used.
        await db.accounts.disableAccount(account.id, `disconnected by ${principal.actor}`)
        return { removed: 'disabled' as const, cancelledTargets: cancelled }
      }
    },
  )
}
