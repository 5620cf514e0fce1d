'use client'

import type { Platform } from '@statex/core'
import dynamic from 'next/dynamic'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'
import { Skeleton } from '@/components/ui/skeleton'
import { PLATFORM_LABELS } from '@/lib/platforms'

// The form (react-hook-form and zod) loads when a dialog first opens, not with the page.
const ConnectTokenForm = dynamic(() => import('./connect-token-form'), {
  loading: () => <Skeleton className="h-40 w-full" />,
})

/** Connects a token-based platform (Telegram, WhatsApp) in a dialog. */
export function ConnectTokenDialog({ platform }: { platform: Platform }) {
  const [open, setOpen] = useState(false)
  const label = PLATFORM_LABELS[platform]
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={`Connect ${label}`}
      description={`${label} connects with a token. It is checked with ${label} before anything is saved, and stored encrypted.`}
      trigger={
        <Button variant="primary" size="sm">
          Connect {label}
        </Button>
      }
    >
      <ConnectTokenForm platform={platform} onConnected={() => setOpen(false)} />
    </Dialog>
  )
}
