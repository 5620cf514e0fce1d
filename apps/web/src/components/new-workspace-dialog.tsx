'use client'

import dynamic from 'next/dynamic'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Dialog } from '@/components/ui/dialog'

// The form (react-hook-form, zod) loads on first open: the header is on every page.
const NewWorkspaceForm = dynamic(
  () => import('./new-workspace-form').then((m) => m.NewWorkspaceForm),
  { loading: () => <p className="text-sm text-muted">Loading…</p> },
)

/** "New workspace…" in the header; `onCreated` switches to the new workspace. */
export function NewWorkspaceDialog({ onCreated }: { onCreated: (id: string) => void }) {
  const [open, setOpen] = useState(false)
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="New workspace"
      description="A workspace of its own accounts, posts and team; you are its owner."
      trigger={
        <Button size="sm" variant="quiet">
          <span aria-hidden="true">+</span>
          <span className="sr-only sm:not-sr-only">New workspace…</span>
        </Button>
      }
    >
      <NewWorkspaceForm
        onCreated={(id) => {
          setOpen(false)
          onCreated(id)
        }}
      />
    </Dialog>
  )
}
