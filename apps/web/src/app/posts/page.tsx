import type { Metadata } from 'next'
import { Suspense } from 'react'
import { PostsPage } from '@/components/posts/posts-page'
import { SkeletonList } from '@/components/ui/skeleton'
import { requireSession } from '@/server/session'

export const metadata: Metadata = { title: 'Posts' }

export default async function Page() {
  await requireSession('/posts')
  return (
    <Suspense fallback={<SkeletonList label="Loading posts…" />}>
      <PostsPage />
    </Suspense>
  )
}
