import type { AuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { z } from 'zod'
import { SignInRateLimitedError, authenticate } from './authenticate'
import type { WebConfig } from './config'

const credentialsSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
})

/** Thrown to the sign-in form when the check itself failed (database down), as opposed to wrong credentials. */
export const SIGN_IN_UNAVAILABLE = 'SignInUnavailable'
/** Thrown to the sign-in form when the API refuses more attempts from this address for now. */
export const SIGN_IN_RATE_LIMITED = 'SignInRateLimited'

/** next-auth hands `authorize` the request's headers as a plain object. */
function headersOf(request: { headers?: unknown } | undefined): Headers {
  const raw = request?.headers
  if (raw instanceof Headers) return raw
  const headers = new Headers()
  for (const [name, value] of Object.entries((raw ?? {}) as Record<string, unknown>))
    if (typeof value === 'string') headers.set(name, value)
  return headers
}

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
        async authorize(raw, request) {
          const parsed = credentialsSchema.safeParse(raw)
          if (!parsed.success) return null
          try {
            const user = await authenticate(config, parsed.data, headersOf(request))
            return user ? { id: user.id, email: user.email, name: user.name } : null
          } catch (error) {
            if (error instanceof SignInRateLimitedError) throw new Error(SIGN_IN_RATE_LIMITED)
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
