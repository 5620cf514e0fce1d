'use client'

import type { paths } from '@statex/api-client'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api'
import { keys } from './keys'

export type ImportBody = NonNullable<
  paths['/v1/posts/import']['post']['requestBody']
>['content']['application/json']
export type ImportMode = NonNullable<ImportBody['mode']>

/** POST /v1/posts/import: a dry run reports every row; a real one creates what the mode allows. */
export function useImportPosts() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (body: ImportBody) => unwrap(await api().POST('/v1/posts/import', { body })),
    onSuccess: (report) => {
      if (report.created > 0) void client.invalidateQueries({ queryKey: keys.posts })
    },
  })
}
