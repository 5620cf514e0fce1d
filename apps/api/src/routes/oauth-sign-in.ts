import { SignUpClosedError } from '@statex/db'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { createHash, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { ErrorBody } from '../schemas/common.js'
import { SignedIn } from './sign-in.js'

/** The header the dashboard's server sends its NEXTAUTH_SECRET in; never a browser's. */
export const SERVER_SECRET_HEADER = 'x-statex-server-secret'

// Digests first: timingSafeEqual needs equal lengths, and comparing digests leaks no length.
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()
const sameSecret = (given: string, expected: string) =>
  timingSafeEqual(digest(given), digest(expected))

/**
 * The dashboard's OAuth sign-in (GitHub, Google, an OIDC issuer): after the provider signed the
 * person in, the dashboard's server sends the email the provider verified, with the secret both
 * share for sessions, and gets back who the person is, as `POST /v1/auth/sign-in` answers; the
 * session itself is the dashboard's. A new person joins the workspaces that invited their email,
 * or gets their own when sign-up is open.
 */
export const oauthSignInRoutes: FastifyPluginAsyncZod<
  Pick<AppDeps, 'db'> & { nextauthSecret?: string; signUpEnabled: boolean }
> = async (app, { db, nextauthSecret, signUpEnabled }) => {
  app.post(
    '/v1/auth/oauth-sign-in',
    {
      schema: {
        tags: ['workspaces'],
        summary:
          "Find or create the person an identity provider vouches for (the dashboard's server only)",
        headers: z.object({ [SERVER_SECRET_HEADER]: z.string().max(1024).optional() }),
        body: z
          .object({
            provider: z.string().min(1).max(64).meta({ description: 'e.g. github, google, oidc' }),
            email: z.email({ error: 'must be an email address' }).max(320),
            emailVerified: z.boolean().meta({
              description: 'Whether the provider verified the email; false is refused.',
            }),
            name: z.string().trim().max(200).optional(),
          })
          .strict(),
        response: {
          200: SignedIn,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          422: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request) => {
      const given = request.headers[SERVER_SECRET_HEADER]
      if (!nextauthSecret || !given || !sameSecret(given, nextauthSecret))
        throw new ApiError('UNAUTHENTICATED', {
          message: nextauthSecret
            ? `Only the dashboard's server may call this: send its NEXTAUTH_SECRET in ${SERVER_SECRET_HEADER}.`
            : "OAuth sign-in is off: the API has no NEXTAUTH_SECRET (set the dashboard's value).",
        })
      const { email, emailVerified, name } = request.body
      if (!emailVerified)
        throw new ApiError('EMAIL_NOT_VERIFIED', {
          details: [{ path: 'body.emailVerified', message: 'must be true' }],
        })
      try {
        const { user } = await db.users.signInExternal({
          email,
          ...(name ? { name } : {}),
          signUpOpen: signUpEnabled,
        })
        return { user: { id: user.id, email: user.email, name: user.name } }
      } catch (error) {
        if (error instanceof SignUpClosedError) throw new ApiError('SIGNUP_DISABLED')
        throw error
      }
    },
  )
}
