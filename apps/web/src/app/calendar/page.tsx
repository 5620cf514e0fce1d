import type { Metadata } from 'next'
import { requireSession } from '@/server/session'
import { NotBuiltYet } from '@/components/not-built-yet'

export const metadata: Metadata = { title: 'Calendar' }

export default async function CalendarPage() {
  await requireSession('/calendar')
  return <NotBuiltYet title="Calendar" arrivesWith="scheduling and posting slots" />
}
