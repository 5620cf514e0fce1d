import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { roleAllows } from '../auth.js'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, Id, Instant, authErrors } from '../schemas/common.js'

const tags = ['api-keys']
const Role = z.enum(['viewer', 'editor', 'owner'])

const ApiKey = z
  .object({
    id: Id,
    name: z.string(),
    role: Role,
    prefix: z.string(),
    createdAt: Instant,
    lastUsedAt: Instant.nullable(),
    revokedAt: Instant.nullable(),
  })
  .meta({ id: 'ApiKey' })

const toBody = (k: {
  id: string
  name: string
  role: 'viewer' | 'editor' | 'owner'
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}) => ({
  id: k.id,
  name: k.name,
  role: k.role,
  prefix: k.prefix,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
})

/** API keys of the workspace: owners create (shown once), list and revoke them. */
export const apiKeyRoutes: FastifyPluginAsyncZod<Pick<AppDeps, 'db'>> = async (app, { db }) => {
  app.get(
    '/v1/api-keys',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary: "The workspace's API keys (never the keys themselves)",
        response: { 200: z.object({ data: z.array(ApiKey) }), ...authErrors },
      },
    },
    async (request) => ({
      data: (await db.apiKeys.listApiKeys(principalOf(request).workspaceId)).map(toBody),
    }),
  )

  app.post(
    '/v1/api-keys',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary: 'Create a key; the answer is the only time it is shown',
        body: z
          .object({ name: z.string().trim().min(1).max(100), role: Role.default('editor') })
          .strict(),
        response: {
          201: z.object({ apiKey: ApiKey, key: z.string() }),
          ...authErrors,
          400: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      if (!roleAllows(principal.role, request.body.role)) throw new ApiError('FORBIDDEN')
      const { apiKey, plaintext } = await db.apiKeys.createApiKey({
        workspaceId: principal.workspaceId,
        name: request.body.name,
        role: request.body.role,
        ...(principal.userId ? { createdByUserId: principal.userId } : {}),
      })
      void reply.code(201)
      return { apiKey: toBody(apiKey), key: plaintext }
    },
  )

  app.delete(
    '/v1/api-keys/:id',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary: 'Revoke a key at once',
        params: z.object({ id: Id }),
        response: { 204: z.null(), ...authErrors },
      },
    },
    async (request, reply) => {
      const revoked = await db.apiKeys.revokeApiKey({
        workspaceId: principalOf(request).workspaceId,
        id: request.params.id,
      })
      if (!revoked)
        throw new ApiError('NOT_FOUND', {
          message: `No active API key ${request.params.id} in this workspace.`,
        })
      app.forgetApiKeys()
      return reply.code(204).send(null)
    },
  )
}
