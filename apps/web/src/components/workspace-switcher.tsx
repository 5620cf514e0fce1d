'use client'

import dynamic from 'next/dynamic'
import { useEffect, useId } from 'react'
import { ApiCallError } from '@/lib/api'
import { useWorkspace } from '@/lib/queries/settings'
import { useMyWorkspaces, useSwitchWorkspace } from '@/lib/queries/workspaces'

// The dialog (Radix) loads after the page is interactive, as the bell does: imported here it
// added about 13 kB gzipped to the first load of every signed-in page.
const NewWorkspaceDialog = dynamic(
  () => import('./new-workspace-dialog').then((m) => m.NewWorkspaceDialog),
  { ssr: false, loading: () => <span aria-hidden="true" className="inline-block h-8 w-8" /> },
)

/**
 * Which workspace the dashboard acts in, and "New workspace…" beside it: shown with one
 * workspace too, so that person can create a second. A button, not an option of the select: a
 * closed select fires `change` on every arrow key, which would open the dialog mid-browse. A
 * remembered workspace the person has left (the API answers 404) falls back to their first.
 */
export function WorkspaceSwitcher() {
  const id = useId()
  const mine = useMyWorkspaces()
  const current = useWorkspace()
  const switchTo = useSwitchWorkspace()
  const first = mine.data?.[0]?.id
  const gone = current.error instanceof ApiCallError && current.error.status === 404

  useEffect(() => {
    if (gone && first) switchTo(first)
  }, [gone, first, switchTo])

  const workspaces = mine.data ?? []
  if (workspaces.length === 0 || !current.data) return null
  return (
    <span className="mr-1 flex items-center gap-1">
      <label htmlFor={id} className="sr-only sm:not-sr-only">
        Workspace
      </label>
      <select
        id={id}
        className="max-w-44 rounded-md border border-field bg-surface px-2 py-1 text-sm text-fg"
        value={current.data.id}
        onChange={(event) => switchTo(event.target.value)}
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
            {w.role === 'owner' ? '' : ` (${w.role})`}
          </option>
        ))}
      </select>
      <NewWorkspaceDialog onCreated={switchTo} />
    </span>
  )
}
