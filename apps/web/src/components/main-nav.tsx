'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

const SECTIONS = [
  { href: '/compose', label: 'Compose' },
  { href: '/calendar', label: 'Calendar' },
  { href: '/inbox', label: 'Inbox' },
  { href: '/analytics', label: 'Analytics' },
  { href: '/accounts', label: 'Accounts' },
] as const

export function MainNav() {
  const pathname = usePathname()
  return (
    <nav className="main-nav" aria-label="Main">
      <ul>
        {SECTIONS.map(({ href, label }) => (
          <li key={href}>
            <Link
              href={href}
              aria-current={
                pathname === href || pathname.startsWith(`${href}/`) ? 'page' : undefined
              }
            >
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
