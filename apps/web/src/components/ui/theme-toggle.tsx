'use client'

import { useTheme } from 'next-themes'
import { useEffect, useState } from 'react'
import { cn } from '@/lib/cn'

const CHOICES = [
  { value: 'system', label: 'Auto' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const

/**
 * Light, dark or the system's choice, remembered by next-themes. Three pressed-or-not buttons
 * rather than a menu: one click, and no popover library in every page's first load.
 */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme()
  // The stored choice is only known in the browser; nothing is marked pressed until then.
  const [mounted, setMounted] = useState(false)
  useEffect(() => setMounted(true), [])
  return (
    <div role="group" aria-label="Theme" className="flex rounded-md border border-border p-0.5">
      {CHOICES.map((choice) => {
        const pressed = mounted && (theme ?? 'system') === choice.value
        return (
          <button
            key={choice.value}
            type="button"
            aria-pressed={pressed}
            onClick={() => setTheme(choice.value)}
            className={cn(
              'rounded px-2 py-0.5 text-xs font-semibold',
              pressed ? 'bg-accent text-accent-fg' : 'text-muted hover:text-fg',
            )}
          >
            {choice.label}
          </button>
        )
      })}
    </div>
  )
}
