import type { useRouter } from 'next/navigation'
import { toast } from 'sonner'

interface DuplicateWarning {
  message: string
  earlier: { postId: string }
}

/**
 * Scheduled anyway (only X refuses duplicates, as an error): each warning says which post it
 * repeats, with a way to open it. Shared by creating and editing a post.
 */
export function toastDuplicates(
  warnings: readonly DuplicateWarning[],
  router: ReturnType<typeof useRouter>,
) {
  for (const warning of warnings)
    toast.warning(warning.message, {
      duration: 12_000,
      action: {
        label: 'Open the earlier post',
        onClick: () => router.push(`/posts?post=${warning.earlier.postId}`),
      },
    })
}
