'use client'

import { signIn } from 'next-auth/react'
import { useRouter } from 'next/navigation'
import { useId, useState } from 'react'
import { safeReturnPath } from '@/lib/return-path'
import { Button } from './ui/button'
import { Field, Input } from './ui/field'

const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'That email and password do not match an account.',
  SignInRateLimited:
    'Too many sign-in attempts from your address. Wait a few minutes, then try again.',
  SignUpDisabled:
    'Sign-up is turned off on this server; ask a workspace owner for an invitation. (No account matches that email.)',
  EmailNotVerified:
    'That provider has not verified your email address. Verify it there, then sign in again.',
  OAuthSignin: 'Could not start signing in with that provider. Try again.',
  OAuthCallback: 'Signing in with that provider did not complete. Try again.',
  SignInUnavailable:
    'Sign-in is unavailable: the server could not check your password (is the API running?). The server log says why.',
}

export function SignInForm({
  callbackUrl,
  initialError,
}: {
  callbackUrl?: string
  initialError?: string
}) {
  const router = useRouter()
  const ids = useId()
  const [error, setError] = useState(
    initialError ? (MESSAGES[initialError] ?? 'Sign-in failed. Try again.') : '',
  )
  const [pending, setPending] = useState(false)

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setPending(true)
    setError('')
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    })
    setPending(false)
    if (!result || result.error) {
      setError(MESSAGES[result?.error ?? ''] ?? 'Sign-in failed. Try again.')
      return
    }
    router.replace(safeReturnPath(callbackUrl))
    router.refresh()
  }

  return (
    <form
      className="sign-in flex flex-col gap-4 rounded-lg border border-border bg-surface p-5"
      onSubmit={onSubmit}
      aria-describedby={error ? `${ids}-error` : undefined}
    >
      {error && (
        <p
          id={`${ids}-error`}
          className="rounded-md bg-danger-bg px-3 py-2 font-medium text-danger"
          role="alert"
        >
          {error}
        </p>
      )}
      <Field id={`${ids}-email`} label="Email">
        <Input id={`${ids}-email`} name="email" type="email" autoComplete="username" required />
      </Field>
      <Field id={`${ids}-password`} label="Password">
        <Input
          id={`${ids}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </Field>
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  )
}
