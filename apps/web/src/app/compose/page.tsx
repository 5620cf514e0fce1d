import type { Metadata } from 'next'
import { requireSession } from '@/server/session'
import { Composer } from '@/components/composer/composer'

export const metadata: Metadata = { title: 'Compose' }

export default async function ComposePage() {
  await requireSession('/compose')
  return (
    <>
      <h1>Compose</h1>
      <p className="lead">
        Write once; see how each platform counts and what it would refuse, before anything is sent.
      </p>
      <Composer />
    </>
  )
}
