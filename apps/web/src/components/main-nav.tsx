'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

const SECTIONS = [
  { href: '/posts', label: 'Posts' },
  { href: '/compose', label: 'Compose' },
  { href: '/calendar', label: 'Calendar' },
  { href: '/inbox', label: 'Inbox' },
  { href: '/analytics', label: 'Analytics' },
  { href: '/accounts', label: 'Accounts' },
  { href: '/settings', label: 'Settings' },
] as const

export function MainNav() {
  const pathname = usePathname()
  return (
    <nav aria-label="Main" className="mx-auto max-w-6xl overflow-x-auto px-2 sm:px-4">
      <ul className="flex gap-0.5">
        {SECTIONS.map(({ href, label }) => {
          const current = pathname === href || pathname.startsWith(`${href}/`)
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? 'page' : undefined}
                className={`block border-b-[3px] px-3 py-2 text-[0.9375rem] whitespace-nowrap no-underline ${
                  current
                    ? 'border-accent font-semibold text-fg'
                    : 'border-transparent text-muted hover:text-fg'
                }`}
              >
                {label}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
