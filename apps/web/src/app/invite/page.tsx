import type { Metadata } from 'next'
import { AcceptInvitation } from '@/components/invite/accept-invitation'
import { PageHeader } from '@/components/ui/page-header'
import { requireSession } from '@/server/session'

export const metadata: Metadata = { title: 'Invitation' }

export default async function InvitePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { token } = await searchParams
  const value = typeof token === 'string' ? token : undefined
  await requireSession(value ? `/invite?token=${encodeURIComponent(value)}` : '/invite')
  return (
    <>
      <PageHeader title="Join a workspace" />
      <AcceptInvitation token={value} />
    </>
  )
}
