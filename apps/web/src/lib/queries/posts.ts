'use client'

import type { Post, paths } from '@statex/api-client'
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

export type PostStatus = Post['targets'][number]['status']

export interface PostFilters {
  status?: PostStatus[]
  platform?: string[]
  q?: string
  from?: string
  to?: string
}

// Targets that will change on their own soon: the list polls while any is in one of these states.
const MOVING: ReadonlySet<string> = new Set(['PUBLISHING', 'PROCESSING'])
const SOON_MS = 2 * 60_000

type Target = Post['targets'][number]

/**
 * A target just published whose first comment is still on its way (the worker posts it right
 * after the post; a missed one is swept up a minute later). Bounded in time, so a comment the
 * worker never takes does not keep the page polling.
 */
function firstCommentPending(post: Post, target: Target, now: number): boolean {
  if (target.status !== 'PUBLISHED' || !target.publishedAt) return false
  if (target.firstComment) return target.firstComment.status === 'sending'
  const wanted = Boolean(post.content.firstComment) && target.contentOverride?.firstComment !== ''
  return wanted && now - new Date(target.publishedAt).getTime() < SOON_MS
}

function needsPolling(posts: readonly Post[] | undefined): boolean {
  const now = Date.now()
  return (posts ?? []).some((post) =>
    post.targets.some(
      (t) =>
        MOVING.has(t.status) ||
        (t.status === 'SCHEDULED' &&
          t.scheduledAt !== null &&
          new Date(t.scheduledAt).getTime() - now < SOON_MS) ||
        firstCommentPending(post, t, now),
    ),
  )
}

function listQuery(filters: PostFilters, limit: number, cursor?: string) {
  return {
    limit,
    ...(cursor ? { cursor } : {}),
    ...(filters.status?.length ? { status: filters.status } : {}),
    ...(filters.platform?.length ? { platform: filters.platform } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  }
}

/** Posts in a period (the calendar): up to 100, newest first; polls while one is in flight. */
export function usePosts(filters: PostFilters) {
  return useQuery({
    queryKey: keys.postList(filters),
    queryFn: async () =>
      unwrap(await api().GET('/v1/posts', { params: { query: listQuery(filters, 100) } })).data,
    refetchInterval: (query) => (needsPolling(query.state.data) ? 2_000 : false),
  })
}

const PAGE = 25

/**
 * The posts page: newest first, 25 at a time with the API's cursor ("Load more"); polls every 2 s
 * while a target is publishing or due within two minutes.
 */
export function usePostPages(filters: PostFilters) {
  return useInfiniteQuery({
    queryKey: [...keys.postList(filters), 'pages'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api().GET('/v1/posts', { params: { query: listQuery(filters, PAGE, pageParam) } }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (query) =>
      needsPolling(query.state.data?.pages.flatMap((p) => p.data)) ? 2_000 : false,
  })
}

function useInvalidatePosts() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: keys.posts })
}

/** Failed and unknown targets are tried again; published ones never are. */
export function useRetryPost() {
  const invalidate = useInvalidatePosts()
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api().POST('/v1/posts/{id}/retry', { params: { path: { id } } })),
    onSettled: invalidate,
  })
}

export function usePublishNow() {
  const invalidate = useInvalidatePosts()
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api().POST('/v1/posts/{id}/publish', { params: { path: { id } } })),
    onSettled: invalidate,
  })
}

export function useCancelPost() {
  const invalidate = useInvalidatePosts()
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api().POST('/v1/posts/{id}/cancel', { params: { path: { id } } })),
    onSettled: invalidate,
  })
}

export function useDeletePost() {
  const invalidate = useInvalidatePosts()
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api().DELETE('/v1/posts/{id}', { params: { path: { id } } })),
    onSettled: invalidate,
  })
}

/** The body of POST /v1/posts, as the API's OpenAPI document types it. */
export type CreatePostInput = NonNullable<
  paths['/v1/posts']['post']['requestBody']
>['content']['application/json']

export function useCreatePost() {
  const invalidate = useInvalidatePosts()
  return useMutation({
    mutationFn: async (body: CreatePostInput) => unwrap(await api().POST('/v1/posts', { body })),
    onSettled: invalidate,
  })
}

/** One post with its targets (the composer's edit mode); `retry: false` so a 404 shows at once. */
export function usePost(id: string) {
  return useQuery({
    queryKey: keys.post(id),
    queryFn: async () =>
      unwrap(await api().GET('/v1/posts/{id}', { params: { path: { id } } })).post,
    retry: false,
  })
}

/** The body of PATCH /v1/posts/:id: content, per-account overrides, time. */
export type EditPostInput = NonNullable<
  paths['/v1/posts/{id}']['patch']['requestBody']
>['content']['application/json']

export function useEditPost() {
  const invalidate = useInvalidatePosts()
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: EditPostInput }) =>
      unwrap(await api().PATCH('/v1/posts/{id}', { params: { path: { id } }, body })),
    onSettled: invalidate,
  })
}

/**
 * Moves a post to a new time. The cached lists show the new time at once and roll back if the
 * API refuses (the same validation as any other reschedule).
 */
export function useReschedulePost() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, scheduledAt }: { id: string; scheduledAt: string }) =>
      unwrap(
        await api().PATCH('/v1/posts/{id}', {
          params: { path: { id } },
          body: { scheduledAt },
        }),
      ),
    onMutate: async ({ id, scheduledAt }) => {
      await client.cancelQueries({ queryKey: keys.posts })
      const before = client.getQueriesData<Post[]>({ queryKey: keys.posts })
      client.setQueriesData<Post[]>({ queryKey: keys.posts }, (posts) =>
        Array.isArray(posts)
          ? posts.map((p) =>
              p.id === id
                ? {
                    ...p,
                    scheduledAt,
                    targets: p.targets.map((t) =>
                      t.status === 'SCHEDULED' ? { ...t, scheduledAt } : t,
                    ),
                  }
                : p,
            )
          : posts,
      )
      return { before }
    },
    onError: (_error, _input, context) => {
      for (const [key, data] of context?.before ?? []) client.setQueryData(key, data)
    },
    onSettled: () => client.invalidateQueries({ queryKey: keys.posts }),
  })
}
