import Link from 'next/link'
import { getSession } from '@/server/session'
import { ThemeToggle } from './ui/theme-toggle'
import { MainNav } from './main-nav'
import { NotificationBellSlot } from './notification-bell-slot'
import { SignOutButton } from './sign-out-button'
import { WorkspaceSwitcher } from './workspace-switcher'

export async function SiteHeader() {
  const session = await getSession()
  const who = session?.user?.name || session?.user?.email
  return (
    <header className="border-b border-border bg-surface">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2.5 sm:px-6">
        <Link href="/" className="text-lg font-bold text-fg no-underline">
          Statex Social
        </Link>
        <div
          className="account flex flex-wrap items-center gap-1 text-sm text-muted"
          aria-label="Account"
        >
          {session ? (
            <>
              <span className="mr-1">
                <span className="sr-only sm:not-sr-only">Signed in as </span>
                <strong className="text-fg">{who ?? 'you'}</strong>
              </span>
              <WorkspaceSwitcher />
              <NotificationBellSlot />
              <ThemeToggle />
              <SignOutButton />
            </>
          ) : (
            <>
              <span className="mr-1">Not signed in</span>
              <ThemeToggle />
            </>
          )}
        </div>
      </div>
      {session && <MainNav />}
    </header>
  )
}
