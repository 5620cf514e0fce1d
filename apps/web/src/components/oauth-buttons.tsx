'use client'

import { signIn } from 'next-auth/react'
import { safeReturnPath } from '@/lib/return-path'
import { Button } from './ui/button'

/** One button per identity provider the server has configured (AUTH_GITHUB_*, AUTH_GOOGLE_*, AUTH_OIDC_*). */
export function OAuthButtons({
  providers,
  callbackUrl,
}: {
  providers: readonly { id: string; name: string }[]
  callbackUrl?: string
}) {
  if (providers.length === 0) return null
  return (
    <div className="mt-4 flex flex-col gap-2" role="group" aria-label="Other ways to sign in">
      {providers.map((provider) => (
        <Button
          key={provider.id}
          type="button"
          onClick={() => void signIn(provider.id, { callbackUrl: safeReturnPath(callbackUrl) })}
        >
          Continue with {provider.name}
        </Button>
      ))}
    </div>
  )
}
