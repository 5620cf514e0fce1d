import type { Metadata } from 'next'
import { requireSession } from '@/server/session'
import { NotBuiltYet } from '@/components/not-built-yet'

export const metadata: Metadata = { title: 'Analytics' }

export default async function AnalyticsPage() {
  await requireSession('/analytics')
  return <NotBuiltYet title="Analytics" arrivesWith="metrics collected from published posts" />
}
