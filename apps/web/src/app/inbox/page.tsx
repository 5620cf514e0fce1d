import type { Metadata } from 'next'
import { InboxPage } from '@/components/inbox/inbox-page'
import { requireSession } from '@/server/session'

export const metadata: Metadata = { title: 'Inbox' }

export default async function Page() {
  await requireSession('/inbox')
  return <InboxPage />
}
