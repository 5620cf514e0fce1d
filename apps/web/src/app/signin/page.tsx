import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { OAuthButtons } from '@/components/oauth-buttons'
import { SignInForm } from '@/components/sign-in-form'
import { invitationTokenOf } from '@/lib/invitation-link'
import { safeReturnPath } from '@/lib/return-path'
import { getConfig } from '@/server/config'
import { getSession } from '@/server/session'
import { signUpOpen } from '@/server/sign-up-offer'

export const metadata: Metadata = { title: 'Sign in' }

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const params = await searchParams
  const callbackUrl = typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined
  const error = typeof params.error === 'string' ? params.error : undefined
  if (await getSession()) redirect(safeReturnPath(callbackUrl))
  const config = await getConfig()
  // Someone following an invitation may create an account through it even with sign-up off.
  const invitation = invitationTokenOf(callbackUrl)
  const offerSignUp = invitation !== undefined || (await signUpOpen(config))
  const providers = config.oauthProviders.map(({ id, name }) => ({ id, name }))
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">Sign in</h1>
      <p className="mt-1 mb-5 text-muted">
        Sign in with the email and password of your Statex Social account
        {providers.length > 0 ? ', or with an account you have elsewhere' : ''}.
      </p>
      <SignInForm
        {...(callbackUrl ? { callbackUrl } : {})}
        {...(error ? { initialError: error } : {})}
      />
      <OAuthButtons providers={providers} {...(callbackUrl ? { callbackUrl } : {})} />
      {offerSignUp && (
        <p className="mt-4 text-sm text-muted">
          New here?{' '}
          <Link
            href={invitation ? `/signup?invitation=${encodeURIComponent(invitation)}` : '/signup'}
            className="underline"
          >
            {invitation ? 'Create an account to join' : 'Create an account'}
          </Link>
        </p>
      )}
    </div>
  )
}
