import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { ErrorState } from '@/components/ui/empty-state'
import { SkeletonList } from '@/components/ui/skeleton'

/**
 * A settings list's four states in one place: loading (a skeleton that says what is coming),
 * failed (the error, with a retry), empty (what to do next) and the items.
 */
export function Listed<T>({
  query,
  loading,
  empty,
  children,
}: {
  query: UseQueryResult<T[]>
  loading: string
  empty: ReactNode
  children: (items: T[]) => ReactNode
}) {
  if (query.isPending) return <SkeletonList rows={1} label={loading} />
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />
  if (query.data.length === 0) return <p className="mb-4 text-sm text-muted">{empty}</p>
  return <>{children(query.data)}</>
}
