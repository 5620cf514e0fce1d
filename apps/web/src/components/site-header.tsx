import Link from 'next/link'
import { getSession } from '@/server/session'
import { MainNav } from './main-nav'
import { SignOutButton } from './sign-out-button'

export async function SiteHeader() {
  const session = await getSession()
  const who = session?.user?.name || session?.user?.email
  return (
    <header className="site-header">
      <div className="bar">
        <Link href="/" className="brand">
          Statex Social
        </Link>
        <div className="account" aria-label="Account">
          {session ? (
            <>
              <span>
                Signed in as <strong>{who ?? 'you'}</strong>
              </span>
              <SignOutButton />
            </>
          ) : (
            <span>Not signed in</span>
          )}
        </div>
      </div>
      {session && <MainNav />}
    </header>
  )
}
