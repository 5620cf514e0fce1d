/**
 * The invitation token of a return path like `/invite?token=inv_…` (where the invite page sends a
 * signed-out person), so the sign-in page can offer an account through that invitation.
 */
export function invitationTokenOf(returnPath: string | undefined): string | undefined {
  if (!returnPath?.startsWith('/invite?')) return undefined
  const token = new URLSearchParams(returnPath.slice('/invite?'.length)).get('token')
  return token || undefined
}
