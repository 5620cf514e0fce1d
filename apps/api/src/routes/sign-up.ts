import { EmailTakenError, InvitationInvalidError, passwordProblem } from '@statex/db'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { ErrorBody, Id } from '../schemas/common.js'

const HOUR_MS = 3_600_000

const SignUpBody = z
  .object({
    email: z.email({ error: 'must be an email address, e.g. ada@example.com' }).max(320),
    password: z.string().max(1024).meta({
      description:
        'At least 10 characters, not one repeated character, a common password or the email.',
    }),
    name: z.string().trim().max(200).optional(),
    workspaceName: z.string().trim().min(1).max(100).optional().meta({
      description: 'Default: "<name>\'s workspace". Ignored with `invitationToken`.',
    }),
    invitationToken: z.string().min(1).max(200).optional().meta({
      description:
        "An invitation link's token: the person joins that workspace instead of getting one of their own. Works when sign-up is off.",
    }),
  })
  .strict()

const SignedUp = z
  .object({
    user: z.object({ id: Id, email: z.string(), name: z.string().nullable() }),
    workspace: z.object({
      id: Id,
      name: z.string(),
      slug: z.string(),
      role: z.enum(['viewer', 'editor', 'owner']),
    }),
  })
  .meta({ id: 'SignedUp' })

/**
 * Email + password sign-up for the dashboard: the person and a workspace they own, or, with an
 * invitation token, a membership of the inviting workspace. No session is issued here; the
 * dashboard signs the person in with the same credentials afterwards. Limited per client address
 * (behind the dashboard, the address it forwards: TRUSTED_PROXIES). With SIGNUP_ENABLED off only
 * the invitation path is open: a private install still lets the people it invites in.
 */
export const signUpRoutes: FastifyPluginAsyncZod<
  Pick<AppDeps, 'db'> & { signUpsPerHour: number; signUpEnabled: boolean }
> = async (app, { db, signUpsPerHour, signUpEnabled }) => {
  app.post(
    '/v1/auth/sign-up',
    {
      config: {
        rateLimit: {
          max: signUpsPerHour,
          timeWindow: HOUR_MS,
          keyGenerator: (request) => `sign-up:${request.ip}`,
          errorResponseBuilder: (_request, context) =>
            new ApiError('RATE_LIMITED', {
              message: `Too many sign-ups from this address (${context.max} an hour); try again in ${Math.ceil(context.ttl / 60_000)} min.`,
            }),
        },
      },
      schema: {
        tags: ['workspaces'],
        summary: 'Sign up with email and password; the new person owns a new workspace',
        body: SignUpBody,
        response: {
          201: SignedUp,
          400: ErrorBody,
          403: ErrorBody,
          409: ErrorBody,
          410: ErrorBody,
          422: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { email, password, name, workspaceName, invitationToken } = request.body
      if (!signUpEnabled && !invitationToken) throw new ApiError('SIGNUP_DISABLED')
      const weak = passwordProblem(password, email)
      if (weak)
        throw new ApiError('WEAK_PASSWORD', {
          message: weak,
          details: [{ path: 'body.password', message: weak }],
        })
      try {
        const { user, workspace, role } = await db.users.signUp({
          email,
          password,
          ...(name ? { name } : {}),
          ...(workspaceName ? { workspaceName } : {}),
          ...(invitationToken ? { invitationToken } : {}),
        })
        void reply.code(201)
        return {
          user: { id: user.id, email: user.email, name: user.name },
          workspace: {
            id: workspace.id,
            name: workspace.name,
            slug: workspace.slug,
            role,
          },
        }
      } catch (error) {
        if (error instanceof InvitationInvalidError)
          throw new ApiError('INVITATION_INVALID', {
            details: [{ path: 'body.invitationToken', message: error.message }],
          })
        if (error instanceof EmailTakenError)
          throw new ApiError('EMAIL_TAKEN', {
            details: [{ path: 'body.email', message: 'has an account already' }],
          })
        throw error
      }
    },
  )
}
