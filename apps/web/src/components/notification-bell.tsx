'use client'

import * as Menu from '@radix-ui/react-dropdown-menu'
import Link from 'next/link'
import { cn } from '@/lib/cn'
import { useMarkRead, useNotifications, type Notification } from '@/lib/queries/notifications'
import { formatInstant } from '@/lib/time'

const KIND_LABEL: Record<Notification['kind'], string> = {
  post_failed: 'Post failed',
  post_unknown: 'Check a post',
  account_reconnect: 'Reconnect',
  approval_waiting: 'Approval',
  digest: 'Digest',
}

function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-5"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  )
}

/**
 * The header's bell: the unread count (polled), and a menu of the latest notifications, each a
 * link to its post or account that marks it read. Radix's menu gives the keyboard handling
 * (arrows, Escape, focus return); the trigger's label says the count to screen readers.
 */
export function NotificationBell() {
  const list = useNotifications()
  const markRead = useMarkRead()
  const unread = list.data?.unread ?? 0
  const items = list.data?.data ?? []
  const label = unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`

  return (
    <Menu.Root>
      <Menu.Trigger
        aria-label={label}
        className="relative inline-flex size-9 items-center justify-center rounded-md text-fg hover:bg-surface-2 focus-visible:outline-2 focus-visible:outline-focus"
      >
        <BellIcon />
        {unread > 0 && (
          <span
            aria-hidden="true"
            data-testid="bell-count"
            className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-danger px-1 text-center text-xs leading-5 font-bold text-white"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          align="end"
          sideOffset={6}
          aria-label="Notifications"
          className="z-50 w-[22rem] max-w-[calc(100vw-1rem)] rounded-lg border border-border bg-surface p-1 shadow-lg"
        >
          <div className="flex items-center justify-between px-2 py-1.5">
            <Menu.Label className="text-sm font-semibold text-fg">Notifications</Menu.Label>
            {unread > 0 && (
              <Menu.Item
                className="cursor-pointer rounded px-2 py-1 text-sm text-accent outline-none data-[highlighted]:bg-surface-2"
                onSelect={(event) => {
                  // Stay open: the person sees the list turn read.
                  event.preventDefault()
                  markRead.mutate({ all: true })
                }}
              >
                Mark all read
              </Menu.Item>
            )}
          </div>
          <Menu.Separator className="my-1 h-px bg-border" />
          {list.isError ? (
            <p className="px-2 py-3 text-sm text-danger">Notifications could not be loaded.</p>
          ) : items.length === 0 ? (
            <p className="px-2 py-3 text-sm text-muted">
              {list.isPending
                ? 'Loading…'
                : 'Nothing yet. Failures, approvals and reconnections show here.'}
            </p>
          ) : (
            <div className="max-h-[26rem] overflow-y-auto">
              {items.map((n) => (
                <Menu.Item
                  key={n.id}
                  asChild
                  onSelect={() => !n.readAt && markRead.mutate({ ids: [n.id] })}
                >
                  <Link
                    href={n.link ?? '/'}
                    className={cn(
                      'block rounded px-2 py-2 text-sm no-underline outline-none data-[highlighted]:bg-surface-2',
                      n.readAt ? 'text-muted' : 'text-fg',
                    )}
                  >
                    <span className="flex items-center gap-2">
                      {!n.readAt && (
                        <span
                          className="size-2 shrink-0 rounded-full bg-accent"
                          aria-hidden="true"
                        />
                      )}
                      <span className="text-xs font-semibold uppercase text-muted">
                        {KIND_LABEL[n.kind]}
                      </span>
                      <span className="ml-auto text-xs text-muted">
                        {formatInstant(n.createdAt)}
                      </span>
                    </span>
                    <span className={cn('mt-0.5 block', !n.readAt && 'font-semibold')}>
                      {n.title}
                      {!n.readAt && <span className="sr-only"> (unread)</span>}
                    </span>
                    <span className="mt-0.5 line-clamp-2 block text-muted">{n.body}</span>
                  </Link>
                </Menu.Item>
              ))}
            </div>
          )}
          <Menu.Separator className="my-1 h-px bg-border" />
          <Menu.Item asChild>
            <Link
              href="/settings#notifications"
              className="block rounded px-2 py-1.5 text-sm text-accent no-underline outline-none data-[highlighted]:bg-surface-2"
            >
              Choose what you are told about
            </Link>
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  )
}
