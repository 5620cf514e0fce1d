import type { AuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { z } from 'zod'
import { SignInRateLimitedError, authenticate } from './authenticate'
import type { WebConfig } from './config'
import { oauthProviders, verifiedIdentity } from './oauth-providers'
import { oauthSignIn } from './oauth-sign-in'

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

/** Sign-in page errors (`/signin?error=…`) of an OAuth sign-in the dashboard refused. */
const signInError = (code: string) => `/signin?error=${code}`

/**
 * next-auth v4: email and password, and the configured OAuth providers; sessions as encrypted
 * JWT cookies (no session table) whose `sub` is always the API's user id, since that is what the
 * API reads from them.
 */
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
      ...oauthProviders(config.oauthProviders),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (!account || account.provider === 'credentials') return true
        try {
          const identity = await verifiedIdentity({
            provider: account.provider,
            ...(account.access_token ? { accessToken: account.access_token } : {}),
            profile: profile as Record<string, unknown> | undefined,
          })
          if (!identity) return signInError('EmailNotVerified')
          const answer = await oauthSignIn(config, account.provider, identity)
          if (typeof answer === 'string') return signInError(answer)
          // Without an adapter next-auth makes the session's `sub` from this very object
          // (core/routes/callback.js): the provider's account id becomes ours.
          Object.assign(user, { id: answer.id, email: answer.email, name: answer.name })
          return true
        } catch (error) {
          console.error(
            `[statex/web] ${account.provider} sign-in failed:`,
            error instanceof Error ? `${error.name}: ${error.message}` : error,
          )
          return signInError(SIGN_IN_UNAVAILABLE)
        }
      },
      jwt({ token, user }) {
        // On sign-in only; later calls carry the token as it was issued.
        if (user) token.sub = user.id
        return token
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub
        return session
      },
    },
  }
}
