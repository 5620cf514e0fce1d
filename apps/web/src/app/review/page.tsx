import type { Metadata } from 'next'
import { ExternalReview } from '@/components/review/external-review'

export const metadata: Metadata = { title: 'Review a post', robots: { index: false } }

/**
 * The page a review link opens, for someone without an account. The token stays in the query,
 * as on the API (`GET /v1/review?token=`), where logs redact it; it never becomes a path.
 */
export default async function ReviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { token } = await searchParams
  return <ExternalReview token={typeof token === 'string' ? token : ''} />
}
