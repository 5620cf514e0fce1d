import type { AuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { z } from 'zod'
import { authenticate } from './authenticate'
import type { WebConfig } from './config'

const credentialsSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
})

/** Thrown to the sign-in form when the check itself failed (database down), as opposed to wrong credentials. */
export const SIGN_IN_UNAVAILABLE = 'SignInUnavailable'

/** next-auth v4: email and password, sessions as encrypted JWT cookies (no session table). */
export function authOptions(config: WebConfig): AuthOptions {
  return {
    secret: config.nextauthSecret,
    session: { strategy: 'jwt', maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(raw) {
          const parsed = credentialsSchema.safeParse(raw)
          if (!parsed.success) return null
          try {
            const user = await authenticate(config, parsed.data)
            return user ? { id: user.id, email: user.email, name: user.name } : null
          } catch (error) {
            // The person sees "unavailable"; the operator sees why. Never the password.
            console.error(
              '[statex/web] sign-in check failed:',
              error instanceof Error ? `${error.name}: ${error.message}` : error,
            )
            throw new Error(SIGN_IN_UNAVAILABLE)
          }
        },
      }),
    ],
    callbacks: {
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub
        return session
      },
    },
  }
}
