'use client'

import * as DropdownMenu from '@radix-ui/react-dropdown-menu'
import { useTheme } from 'next-themes'
import { useEffect, useState } from 'react'
import { buttonVariants } from './button'

const CHOICES = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const

/** Light, dark or the system's choice; remembered by next-themes in localStorage. */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme()
  // The stored choice is only known in the browser; render the neutral label until then.
  const [mounted, setMounted] = useState(false)
  useEffect(() => setMounted(true), [])
  const current = mounted ? (CHOICES.find((c) => c.value === theme) ?? CHOICES[0]) : CHOICES[0]
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={buttonVariants({ variant: 'quiet', size: 'sm' })}>
        Theme: {current.label}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          className="z-50 min-w-32 rounded-md border border-border bg-surface p-1 text-fg shadow-lg"
        >
          <DropdownMenu.RadioGroup value={theme ?? 'system'} onValueChange={setTheme}>
            {CHOICES.map((choice) => (
              <DropdownMenu.RadioItem
                key={choice.value}
                value={choice.value}
                className="cursor-pointer rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-surface-2 data-[state=checked]:font-semibold"
              >
                {choice.label}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
}
