import { getServerSession } from 'next-auth'
import type { Session } from 'next-auth'
import { redirect } from 'next/navigation'
import { connection } from 'next/server'
import { authOptions } from './auth-options'
import { getConfig } from './config'

/** The signed-in person's session, or null. Marks the page as rendered per request. */
export async function getSession(): Promise<Session | null> {
  await connection()
  return getServerSession(authOptions(await getConfig()))
}

/**
 * The gate for every app page: sends a visitor without a session to the sign-in page, which
 * brings them back to `returnTo` afterwards. Checked where the page renders, on the server.
 */
export async function requireSession(returnTo: string): Promise<Session> {
  const session = await getSession()
  if (!session) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`)
  return session
}
