import type { Metadata } from 'next'
import { requireSession } from '@/server/session'
import { NotBuiltYet } from '@/components/not-built-yet'

export const metadata: Metadata = { title: 'Accounts' }

export default async function AccountsPage() {
  await requireSession('/accounts')
  return (
    <NotBuiltYet
      title="Accounts"
      arrivesWith="connecting LinkedIn, Facebook Pages, X, Instagram, Telegram and WhatsApp"
    />
  )
}
