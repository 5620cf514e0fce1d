import type { Metadata } from 'next'
import { CalendarLazy } from '@/components/calendar/calendar-lazy'
import { PageHeader } from '@/components/ui/page-header'
import { requireSession } from '@/server/session'

export const metadata: Metadata = { title: 'Calendar' }

export default async function CalendarPage() {
  await requireSession('/calendar')
  return (
    <>
      <PageHeader
        title="Calendar"
        lead="Scheduled and published posts in your time zone. Drag a scheduled post to move it."
      />
      <CalendarLazy />
    </>
  )
}
