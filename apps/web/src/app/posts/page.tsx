import type { Metadata } from 'next'
import { PostsPage } from '@/components/posts/posts-page'
import { requireSession } from '@/server/session'

export const metadata: Metadata = { title: 'Posts' }

export default async function Page() {
  await requireSession('/posts')
  return <PostsPage />
}
