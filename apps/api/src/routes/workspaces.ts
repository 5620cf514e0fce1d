import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { roleAllows } from '../auth.js'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, Id, Instant, TimeZone, authErrors } from '../schemas/common.js'

const tags = ['workspaces']
const Role = z.enum(['viewer', 'editor', 'owner'])
const INVITATION_TTL_MS = 7 * 86_400_000

const Member = z.object({
  userId: Id,
  email: z.string(),
  name: z.string().nullable(),
  role: Role,
  joinedAt: Instant,
})
const Invitation = z.object({
  id: Id,
  email: z.string(),
  role: Role,
  expiresAt: Instant,
  createdAt: Instant,
})

const invitationBody = (i: {
  id: string
  email: string
  role: 'viewer' | 'editor' | 'owner'
  expiresAt: Date
  createdAt: Date
}) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  expiresAt: i.expiresAt.toISOString(),
  createdAt: i.createdAt.toISOString(),
})

/** The caller's workspace, its members and invitations, and its posting slots. */
export const workspaceRoutes: FastifyPluginAsyncZod<Pick<AppDeps, 'db'>> = async (app, { db }) => {
  app.get(
    '/v1/workspace',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'The workspace this caller acts in, and its role there',
        response: {
          200: z.object({ id: Id, name: z.string(), slug: z.string(), role: Role }),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const workspace = (await db.workspaces.getWorkspace(principal.workspaceId))!
      return { id: workspace.id, name: workspace.name, slug: workspace.slug, role: principal.role }
    },
  )

  app.get(
    '/v1/workspace/members',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'Members and their roles',
        response: { 200: z.object({ data: z.array(Member) }), ...authErrors },
      },
    },
    async (request) => {
      const members = await db.workspaces.listMembers(principalOf(request).workspaceId)
      return {
        data: members.map((m) => ({
          userId: m.userId,
          email: m.user.email,
          name: m.user.name,
          role: m.role,
          joinedAt: m.createdAt.toISOString(),
        })),
      }
    },
  )

  app.patch(
    '/v1/workspace/members/:userId',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary: "Change a member's role; the last owner cannot be demoted",
        params: z.object({ userId: Id }),
        body: z.object({ role: Role }).strict(),
        response: { 200: z.object({ userId: Id, role: Role }), ...authErrors, 409: ErrorBody },
      },
    },
    async (request) => {
      const membership = await db.workspaces.changeMember({
        workspaceId: principalOf(request).workspaceId,
        userId: request.params.userId,
        role: request.body.role,
      })
      return { userId: membership!.userId, role: membership!.role }
    },
  )

  app.delete(
    '/v1/workspace/members/:userId',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'Remove a member (owners remove anyone, members themselves); never the last owner',
        params: z.object({ userId: Id }),
        response: { 204: z.null(), ...authErrors, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      if (principal.userId !== request.params.userId && !roleAllows(principal.role, 'owner'))
        throw new ApiError('FORBIDDEN', { message: 'Only owners remove other members.' })
      await db.workspaces.changeMember({
        workspaceId: principal.workspaceId,
        userId: request.params.userId,
        role: null,
      })
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/v1/workspace/invitations',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary: 'Open invitations',
        response: { 200: z.object({ data: z.array(Invitation) }), ...authErrors },
      },
    },
    async (request) => ({
      data: (await db.invitations.listInvitations(principalOf(request).workspaceId)).map(
        invitationBody,
      ),
    }),
  )

  app.post(
    '/v1/workspace/invitations',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary: 'Invite someone: a link that works once, for 7 days',
        body: z.object({ email: z.email().max(320), role: Role.default('editor') }).strict(),
        response: {
          201: z.object({ invitation: Invitation, token: z.string() }),
          ...authErrors,
          400: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { invitation, token } = await db.invitations.createInvitation({
        workspaceId: principalOf(request).workspaceId,
        email: request.body.email,
        role: request.body.role,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })
      void reply.code(201)
      return { invitation: invitationBody(invitation), token }
    },
  )

  app.delete(
    '/v1/workspace/invitations/:id',
    {
      preHandler: app.authorize('owner'),
      schema: {
        tags,
        summary: 'Withdraw an invitation',
        params: z.object({ id: Id }),
        response: { 204: z.null(), ...authErrors },
      },
    },
    async (request, reply) => {
      if (
        !(await db.invitations.revokeInvitation(
          principalOf(request).workspaceId,
          request.params.id,
        ))
      )
        throw new ApiError('NOT_FOUND', { message: `No open invitation ${request.params.id}.` })
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/v1/invitations/accept',
    {
      preHandler: app.authenticateUser,
      schema: {
        tags,
        summary: 'Join a workspace with an invitation token (signed-in dashboard users)',
        body: z.object({ token: z.string().min(1).max(200) }).strict(),
        response: {
          200: z.object({ workspaceId: Id, role: Role }),
          401: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const accepted = await db.invitations.acceptInvitation({
        token: request.body.token,
        userId: request.sessionUserId!,
      })
      if (!accepted)
        throw new ApiError('NOT_FOUND', {
          message: 'This invitation is unknown, used or expired; ask for a new one.',
        })
      const role = await db.workspaces.getRole({
        workspaceId: accepted.workspaceId,
        userId: request.sessionUserId!,
      })
      return { workspaceId: accepted.workspaceId, role: role! }
    },
  )

  const WeeklySlotSchema = z.object({
    weekday: z.number().int().min(1).max(7).describe('1 = Monday … 7 = Sunday'),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, 24-hour'),
  })
  const ScheduleSchema = z.object({ timeZone: z.string(), slots: z.array(WeeklySlotSchema) })

  app.get(
    '/v1/workspace/slots',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'Weekly posting slots for "next free slot", in the workspace\'s zone',
        response: { 200: ScheduleSchema, ...authErrors },
      },
    },
    async (request) => db.slots.getPostingSchedule(principalOf(request).workspaceId),
  )

  app.put(
    '/v1/workspace/slots',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary:
          'Set the weekly posting slots and the zone they are in ("Mon, Wed 09:00 Europe/Berlin")',
        body: z
          .object({
            slots: z.array(WeeklySlotSchema).max(7 * 48),
            timeZone: TimeZone,
          })
          .strict(),
        response: { 200: ScheduleSchema, ...authErrors, 400: ErrorBody },
      },
    },
    async (request) => {
      const workspaceId = principalOf(request).workspaceId
      await db.slots.setPostingSchedule(workspaceId, request.body)
      return db.slots.getPostingSchedule(workspaceId)
    },
  )
}
