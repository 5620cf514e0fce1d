'use client'

import dynamic from 'next/dynamic'

/**
 * The bell, loaded after the page is interactive: its menu (Radix with its positioning engine)
 * would otherwise add about 30 kB gzipped to the first load of every signed-in page. Until it
 * arrives, an empty box of the same size keeps the header from shifting.
 */
export const NotificationBellSlot = dynamic(
  () => import('./notification-bell').then((m) => m.NotificationBell),
  { ssr: false, loading: () => <span aria-hidden="true" className="inline-block size-9" /> },
)
