'use client'

import { signIn } from 'next-auth/react'
import { useRouter } from 'next/navigation'
import { useId, useState } from 'react'
import { ApiCallError, api, unwrap } from '@/lib/api'
import { rememberWorkspace } from '@/lib/workspace-cookie'
import { Button } from './ui/button'
import { Field, Input } from './ui/field'

type FieldName = 'email' | 'password'
type Errors = Partial<Record<FieldName | 'form', string>>

const FIELD_MESSAGES: Record<string, Errors> = {
  EMAIL_TAKEN: { email: 'An account with this email exists: sign in instead.' },
  INVITATION_INVALID: {
    form: 'This invitation is unknown, used or expired; ask the workspace owner for a new one.',
  },
}

/** The API's refusal, on the field it concerns when it names one. */
function errorsOf(error: unknown): Errors {
  if (!(error instanceof ApiCallError)) return { form: 'Sign-up failed. Try again.' }
  if (FIELD_MESSAGES[error.code]) return FIELD_MESSAGES[error.code]!
  if (error.code === 'WEAK_PASSWORD') return { password: error.message }
  const details = Array.isArray(error.details)
    ? (error.details as { path?: string; message?: string }[])
    : []
  const email = details.find((d) => d.path === 'body.email')
  if (email) return { email: `Enter a valid email address (${email.message ?? 'invalid'}).` }
  return { form: error.message }
}

/**
 * Email and password sign-up through the API (POST /v1/auth/sign-up, limited per address), then
 * the ordinary sign-in with the same credentials, so the session is the one every page uses.
 * With an invitation token the account joins that workspace (the way in when sign-up is off).
 */
export function SignUpForm({ invitationToken }: { invitationToken?: string }) {
  const router = useRouter()
  const ids = useId()
  const [errors, setErrors] = useState<Errors>({})
  const [pending, setPending] = useState(false)

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const email = String(form.get('email') ?? '')
    const password = String(form.get('password') ?? '')
    const name = String(form.get('name') ?? '').trim()
    const workspaceName = String(form.get('workspaceName') ?? '').trim()
    setPending(true)
    setErrors({})
    let workspaceId: string
    try {
      const answer = unwrap(
        await api().POST('/v1/auth/sign-up', {
          body: {
            email,
            password,
            ...(name ? { name } : {}),
            ...(workspaceName ? { workspaceName } : {}),
            ...(invitationToken ? { invitationToken } : {}),
          },
        }),
      )
      workspaceId = answer.workspace.id
    } catch (error) {
      setPending(false)
      setErrors(errorsOf(error))
      return
    }
    const result = await signIn('credentials', { email, password, redirect: false })
    setPending(false)
    if (!result || result.error) {
      setErrors({ form: 'Your account is ready, but signing in failed: sign in below.' })
      router.push('/signin')
      return
    }
    // Act in the workspace just joined or created, not a remembered one of an earlier session.
    rememberWorkspace(workspaceId)
    router.replace(invitationToken ? '/posts' : '/accounts?welcome=1')
    router.refresh()
  }

  const describe = (field: FieldName, hint = false) =>
    [errors[field] ? `${ids}-${field}-error` : '', hint ? `${ids}-${field}-hint` : '']
      .filter(Boolean)
      .join(' ') || undefined

  return (
    <form
      className="sign-up flex flex-col gap-4 rounded-lg border border-border bg-surface p-5"
      onSubmit={onSubmit}
      aria-label="Sign up"
      noValidate
    >
      {errors.form && (
        <p className="rounded-md bg-danger-bg px-3 py-2 font-medium text-danger" role="alert">
          {errors.form}
        </p>
      )}
      <Field id={`${ids}-name`} label="Your name">
        <Input id={`${ids}-name`} name="name" autoComplete="name" maxLength={200} />
      </Field>
      <Field id={`${ids}-email`} label="Email" error={errors.email}>
        <Input
          id={`${ids}-email`}
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describe('email')}
        />
      </Field>
      <Field
        id={`${ids}-password`}
        label="Password"
        hint="At least 10 characters; a few words you will remember work well."
        error={errors.password}
      >
        <Input
          id={`${ids}-password`}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={describe('password', true)}
        />
      </Field>
      {!invitationToken && (
        <Field
          id={`${ids}-workspace`}
          label="Workspace name"
          hint="Your team or brand; you can add more workspaces later."
        >
          <Input
            id={`${ids}-workspace`}
            name="workspaceName"
            maxLength={100}
            aria-describedby={`${ids}-workspace-hint`}
          />
        </Field>
      )}
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? 'Creating your account…' : 'Create account'}
      </Button>
    </form>
  )
}
