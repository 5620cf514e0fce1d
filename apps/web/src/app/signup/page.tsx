import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { SignUpForm } from '@/components/sign-up-form'
import { getSession } from '@/server/session'

export const metadata: Metadata = { title: 'Sign up' }

export default async function SignUpPage() {
  if (await getSession()) redirect('/posts')
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">Create your account</h1>
      <p className="mt-1 mb-5 text-muted">
        You get a workspace of your own; invite your team to it from Settings.
      </p>
      <SignUpForm />
      <p className="mt-4 text-sm text-muted">
        Have an account already?{' '}
        <Link href="/signin" className="underline">
          Sign in
        </Link>
      </p>
    </div>
  )
}
