'use client'

import dynamic from 'next/dynamic'
import { Skeleton } from '@/components/ui/skeleton'

/**
 * FullCalendar is the largest library here (~75 kB gzipped) and draws nothing useful before its
 * data: it loads after the page, in the browser, behind a skeleton.
 */
export const CalendarLazy = dynamic(() => import('./calendar-view').then((m) => m.CalendarView), {
  ssr: false,
  loading: () => <Skeleton className="h-[40rem] w-full" />,
})
