import type { Metadata } from 'next'
import { Composer } from '@/components/composer/composer'
import { PageHeader } from '@/components/ui/page-header'
import { requireSession } from '@/server/session'

export const metadata: Metadata = { title: 'Compose' }

export default async function ComposePage() {
  await requireSession('/compose')
  return (
    <>
      <PageHeader
        title="Compose"
        lead="Write once; see how each platform counts and what it would refuse, before anything is sent."
      />
      <Composer />
    </>
  )
}
