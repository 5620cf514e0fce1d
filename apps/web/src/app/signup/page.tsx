import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { SignUpForm } from '@/components/sign-up-form'
import { EmptyState } from '@/components/ui/empty-state'
import { getConfig } from '@/server/config'
import { getSession } from '@/server/session'
import { signUpOpen } from '@/server/sign-up-offer'

export const metadata: Metadata = { title: 'Sign up' }

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { invitation } = await searchParams
  const invitationToken = typeof invitation === 'string' && invitation ? invitation : undefined
  if (await getSession())
    redirect(invitationToken ? `/invite?token=${encodeURIComponent(invitationToken)}` : '/posts')
  const open = invitationToken !== undefined || (await signUpOpen(await getConfig()))
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">Create your account</h1>
      {open ? (
        <>
          <p className="mt-1 mb-5 text-muted">
            {invitationToken
              ? 'You were invited to a workspace: your account joins it.'
              : 'You get a workspace of your own; invite your team to it from Settings.'}
          </p>
          <SignUpForm {...(invitationToken ? { invitationToken } : {})} />
        </>
      ) : (
        <div className="mt-5">
          <EmptyState title="Sign-up is turned off on this server">
            Ask a workspace owner for an invitation; its link lets you create your account.
          </EmptyState>
        </div>
      )}
      <p className="mt-4 text-sm text-muted">
        Have an account already?{' '}
        <Link
          href={
            invitationToken
              ? `/signin?callbackUrl=${encodeURIComponent(`/invite?token=${encodeURIComponent(invitationToken)}`)}`
              : '/signin'
          }
          className="underline"
        >
          Sign in
        </Link>
      </p>
    </div>
  )
}
