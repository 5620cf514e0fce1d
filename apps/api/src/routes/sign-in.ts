import { authenticateUser } from '@statex/db'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { ErrorBody, Id } from '../schemas/common.js'

const HOUR_MS = 3_600_000

/** Who signed in, as the dashboard's next-auth providers take it (password and OAuth alike). */
export const SignedIn = z.object({
  user: z.object({ id: Id, email: z.string(), name: z.string().nullable() }),
})

/**
 * The dashboard's password check (its next-auth credentials provider calls it), limited per
 * client address so passwords cannot be guessed at speed. Answers who the person is; the session
 * itself is the dashboard's. Wrong email and wrong password look the same, in time too.
 */
export const signInRoutes: FastifyPluginAsyncZod<
  Pick<AppDeps, 'db'> & { signInAttemptsPerHour: number }
> = async (app, { db, signInAttemptsPerHour }) => {
  app.post(
    '/v1/auth/sign-in',
    {
      config: {
        rateLimit: {
          max: signInAttemptsPerHour,
          timeWindow: HOUR_MS,
          keyGenerator: (request) => `sign-in:${request.ip}`,
          errorResponseBuilder: (_request, context) =>
            new ApiError('RATE_LIMITED', {
              message: `Too many sign-in attempts from this address; try again in ${Math.ceil(context.ttl / 60_000)} min.`,
            }),
        },
      },
      schema: {
        tags: ['workspaces'],
        summary: 'Check an email and password (the dashboard signs the person in with the answer)',
        body: z
          .object({ email: z.string().max(320), password: z.string().min(1).max(1024) })
          .strict(),
        response: {
          200: SignedIn,
          400: ErrorBody,
          401: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = await authenticateUser(db, request.body)
      if (!user)
        throw new ApiError('UNAUTHENTICATED', {
          message: 'That email and password do not match an account.',
        })
      return { user: { id: user.id, email: user.email, name: user.name } }
    },
  )
}
