import type { Metadata } from 'next'
import { ImportPage } from '@/components/import/import-page'
import { requireSession } from '@/server/session'

export const metadata: Metadata = { title: 'Import posts' }

export default async function Page() {
  await requireSession('/import')
  return <ImportPage />
}
