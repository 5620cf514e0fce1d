'use client'

import type { EventDropArg, DatesSetArg, EventInput } from '@fullcalendar/core'
import dayGridPlugin from '@fullcalendar/daygrid'
import interactionPlugin from '@fullcalendar/interaction'
import FullCalendar from '@fullcalendar/react'
import timeGridPlugin from '@fullcalendar/timegrid'
import type { Platform } from '@statex/core'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useMemo, useState } from 'react'
import { toast } from 'sonner'
import { ErrorState } from '@/components/ui/empty-state'
import { PLATFORM_COLORS, PLATFORM_LABELS } from '@/lib/platforms'
import { usePosts, useReschedulePost } from '@/lib/queries/posts'
import { formatInstant } from '@/lib/time'
import { toastError } from '@/lib/toast-error'

/**
 * Week and month views of scheduled and published posts (FullCalendar, in the browser's zone),
 * coloured by platform. Dragging a scheduled post reschedules it through the API; a refusal puts
 * it back and says why.
 */
export function CalendarView() {
  const router = useRouter()
  const [range, setRange] = useState<{ from: string; to: string } | null>(null)
  const posts = usePosts(range ?? {})
  const reschedule = useReschedulePost()
  // Seven columns do not fit a phone: three days there (this view renders in the browser only).
  const [narrow] = useState(() => window.matchMedia('(max-width: 40rem)').matches)

  const events: EventInput[] = useMemo(
    () =>
      (posts.data ?? []).flatMap((post) => {
        const published = post.targets.find((t) => t.publishedAt)?.publishedAt
        const start = post.scheduledAt ?? published
        if (!start) return []
        const platform = post.targets[0]?.platform as Platform | undefined
        const text = typeof post.content.text === 'string' ? post.content.text : ''
        const labels = [
          ...new Set(post.targets.map((t) => PLATFORM_LABELS[t.platform as Platform])),
        ]
        const movable = post.targets.some((t) => t.status === 'SCHEDULED')
        return [
          {
            id: post.id,
            start,
            title: `${labels.join(', ')}: ${text.slice(0, 60) || '(no text)'}`,
            backgroundColor: platform ? PLATFORM_COLORS[platform] : undefined,
            borderColor: platform ? PLATFORM_COLORS[platform] : undefined,
            textColor: '#ffffff',
            editable: movable,
            extendedProps: { movable },
          },
        ]
      }),
    [posts.data],
  )

  const onDrop = (info: EventDropArg) => {
    const start = info.event.start
    if (!start) return info.revert()
    reschedule.mutate(
      { id: info.event.id, scheduledAt: start.toISOString() },
      {
        onSuccess: () => toast.success(`Rescheduled to ${formatInstant(start)}.`),
        onError: (error) => {
          info.revert()
          toastError('Not rescheduled', error)
        },
      },
    )
  }

  return (
    <div className="statex-calendar rounded-lg border border-border bg-surface p-2 sm:p-4">
      {posts.isError && <ErrorState error={posts.error} onRetry={() => void posts.refetch()} />}
      {posts.isSuccess && events.length === 0 && (
        <p className="mb-3 rounded-md bg-surface-2 px-3 py-2 text-sm">
          Nothing scheduled or published in these days.{' '}
          <Link href="/compose" className="font-semibold">
            Compose a post
          </Link>{' '}
          and it appears here.
        </p>
      )}
      <FullCalendar
        plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin]}
        initialView={narrow ? 'timeGrid3Day' : 'timeGridWeek'}
        views={{ timeGrid3Day: { type: 'timeGrid', duration: { days: 3 }, buttonText: '3 days' } }}
        headerToolbar={{
          left: 'prev,next today',
          center: 'title',
          right: narrow ? 'timeGrid3Day,dayGridMonth' : 'timeGridWeek,dayGridMonth',
        }}
        // Text rather than icon fonts: FullCalendar's icons are role="img" without a name.
        buttonIcons={false}
        buttonText={{
          prev: '‹ Previous',
          next: 'Next ›',
          today: 'Today',
          week: 'Week',
          month: 'Month',
        }}
        height="auto"
        nowIndicator
        firstDay={1}
        slotDuration="01:00:00"
        scrollTime="08:00:00"
        events={events}
        eventDrop={onDrop}
        eventClick={(info) => {
          info.jsEvent.preventDefault()
          router.push(`/posts?post=${info.event.id}`)
        }}
        datesSet={(arg: DatesSetArg) => {
          const next = { from: arg.start.toISOString(), to: arg.end.toISOString() }
          setRange((current) =>
            current?.from === next.from && current.to === next.to ? current : next,
          )
        }}
      />
    </div>
  )
}
