import type { Metadata } from 'next'
import { Suspense } from 'react'
import { AccountsPage } from '@/components/accounts/accounts-page'
import { SkeletonList } from '@/components/ui/skeleton'
import { requireSession } from '@/server/session'

export const metadata: Metadata = { title: 'Accounts' }

export default async function Page() {
  await requireSession('/accounts')
  return (
    <Suspense fallback={<SkeletonList label="Loading accounts…" />}>
      <AccountsPage />
    </Suspense>
  )
}
