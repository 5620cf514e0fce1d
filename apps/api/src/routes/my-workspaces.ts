import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ErrorBody, Id, TimeZone } from '../schemas/common.js'

const tags = ['workspaces']
const MyWorkspace = z
  .object({
    id: Id,
    name: z.string(),
    slug: z.string(),
    role: z.enum(['viewer', 'editor', 'owner']),
  })
  .meta({ id: 'MyWorkspace' })

/**
 * The workspaces of the signed-in person, for the dashboard's switcher; the chosen one travels
 * as `X-Statex-Workspace` (id or slug) on every other request. Sessions only: an API key
 * belongs to one workspace.
 */
export const myWorkspaceRoutes: FastifyPluginAsyncZod<Pick<AppDeps, 'db'>> = async (
  app,
  { db },
) => {
  app.get(
    '/v1/me/workspaces',
    {
      preHandler: app.authenticateUser,
      schema: {
        tags,
        summary: 'The workspaces I am a member of, oldest membership first, with my role',
        response: { 200: z.object({ data: z.array(MyWorkspace) }), 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => {
      const workspaces = await db.workspaces.listWorkspacesForUser(request.sessionUserId!)
      return { data: workspaces.map(({ id, name, slug, role }) => ({ id, name, slug, role })) }
    },
  )

  app.post(
    '/v1/me/workspaces',
    {
      preHandler: app.authenticateUser,
      schema: {
        tags,
        summary: 'Create another workspace; I am its owner',
        body: z
          .object({
            name: z.string().trim().min(1, 'name the workspace').max(100),
            timeZone: TimeZone.optional().meta({
              description: 'The zone its posting slots are in; default UTC.',
            }),
          })
          .strict(),
        response: { 201: MyWorkspace, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const workspace = await db.workspaces.createWorkspace({
        name: request.body.name,
        ownerUserId: request.sessionUserId!,
        ...(request.body.timeZone ? { timeZone: request.body.timeZone } : {}),
      })
      void reply.code(201)
      return {
        id: workspace.id,
        name: workspace.name,
        slug: workspace.slug,
        role: 'owner' as const,
      }
    },
  )
}
