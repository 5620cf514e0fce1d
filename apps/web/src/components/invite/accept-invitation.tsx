'use client'

import { useMutation } from '@tanstack/react-query'
import { useRouter } from 'next/navigation'
import { toast } from 'sonner'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { api, unwrap } from '@/lib/api'
import { rememberWorkspace } from '@/lib/workspace-cookie'

/** Joins the workspace of an invitation link (POST /v1/invitations/accept, for a signed-in person). */
export function AcceptInvitation({ token }: { token: string | undefined }) {
  const router = useRouter()
  const accept = useMutation({
    mutationFn: async (value: string) =>
      unwrap(await api().POST('/v1/invitations/accept', { body: { token: value } })),
    onSuccess: (answer) => {
      // Act in the workspace just joined (the API proxy sends it as X-Statex-Workspace).
      rememberWorkspace(answer.workspaceId)
      toast.success(
        `You joined the workspace as ${answer.role === 'owner' ? 'an' : 'a'} ${answer.role}.`,
      )
      router.push('/posts')
    },
  })
  if (!token)
    return (
      <EmptyState title="This link has no invitation in it">
        Open the whole link you were sent, or ask for a new invitation.
      </EmptyState>
    )
  return (
    <div className="flex flex-col items-start gap-3 rounded-lg border border-border bg-surface p-5">
      <p>
        You were invited to a Statex Social workspace. Join it with the account you are signed in
        with.
      </p>
      {accept.isError && (
        <p role="alert" className="rounded-md bg-danger-bg px-3 py-2 text-danger">
          {accept.error.message}
        </p>
      )}
      <Button variant="primary" disabled={accept.isPending} onClick={() => accept.mutate(token)}>
        {accept.isPending ? 'Joining…' : 'Join the workspace'}
      </Button>
    </div>
  )
}
