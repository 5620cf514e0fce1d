import type { Metadata } from 'next'
import { requireSession } from '@/server/session'
import { NotBuiltYet } from '@/components/not-built-yet'

export const metadata: Metadata = { title: 'Inbox' }

export default async function InboxPage() {
  await requireSession('/inbox')
  return (
    <NotBuiltYet title="Inbox" arrivesWith="comment and message sync from the connected accounts" />
  )
}
