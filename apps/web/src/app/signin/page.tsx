import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { SignInForm } from '@/components/sign-in-form'
import { safeReturnPath } from '@/lib/return-path'
import { getSession } from '@/server/session'

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
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">Sign in</h1>
      <p className="mt-1 mb-5 text-muted">
        Sign in with the email and password of your Statex Social account.
      </p>
      <SignInForm
        {...(callbackUrl ? { callbackUrl } : {})}
        {...(error ? { initialError: error } : {})}
      />
      <p className="mt-4 text-sm text-muted">
        New here?{' '}
        <Link href="/signup" className="underline">
          Create an account
        </Link>
      </p>
    </div>
  )
}
