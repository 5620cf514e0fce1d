'use client'

import { useEffect, useId } from 'react'
import { ApiCallError } from '@/lib/api'
import { useWorkspace } from '@/lib/queries/settings'
import { useMyWorkspaces, useSwitchWorkspace } from '@/lib/queries/workspaces'

/**
 * Which workspace the dashboard acts in, for a person in several; a plain name for one. A
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
  if (workspaces.length === 1)
    return (
      <span className="mr-1 max-w-48 truncate" title="Workspace">
        <span className="sr-only">Workspace: </span>
        {current.data.name}
      </span>
    )
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
    </span>
  )
}
