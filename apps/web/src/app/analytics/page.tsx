import type { Metadata } from 'next'
import { AnalyticsPage } from '@/components/analytics/analytics-page'
import { requireSession } from '@/server/session'

export const metadata: Metadata = { title: 'Analytics' }

export default async function Page() {
  await requireSession('/analytics')
  return <AnalyticsPage />
}
