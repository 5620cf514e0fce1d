import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'

const AuthOptions = z
  .object({
    signUp: z.boolean().meta({
      description:
        'Whether anyone may create an account (SIGNUP_ENABLED); when false, only through an invitation.',
    }),
  })
  .meta({ id: 'AuthOptions' })

/**
 * What the sign-in and sign-up pages may offer, public so they can ask before anyone signs in.
 * The dashboard's OAuth providers are its own configuration (their secrets live there), not here.
 */
export const authOptionsRoutes: FastifyPluginAsyncZod<{ signUpEnabled: boolean }> = async (
  app,
  { signUpEnabled },
) => {
  app.get(
    '/v1/auth/options',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Which ways of getting an account this server offers (public)',
        response: { 200: AuthOptions },
      },
    },
    async () => ({ signUp: signUpEnabled }),
  )
}
