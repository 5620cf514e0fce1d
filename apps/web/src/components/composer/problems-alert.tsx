import { Button } from '@/components/ui/button'

/** One reason the post is not sent, with the fix the form can make at once. */
export interface Blocker {
  line: string
  fix?: 'make-thread' | undefined
}

/** Why the post was not sent: the form's own problems, else what the API refused. */
export function ProblemsAlert({
  blockedBy,
  refused,
  onMakeThread,
}: {
  blockedBy: Blocker[]
  refused: string[]
  onMakeThread: () => void
}) {
  const blocked = blockedBy.length > 0
  if (!blocked && refused.length === 0) return null
  return (
    <div
      role="alert"
      className="rounded-md border border-danger bg-danger-bg px-3 py-2 text-danger"
    >
      <p className="font-semibold">
        {blocked
          ? `Not sent: fix ${blockedBy.length === 1 ? 'this problem' : `these ${blockedBy.length} problems`} first.`
          : 'The API refused the post:'}
      </p>
      <ul className="ml-5 list-disc text-sm">
        {(blocked ? blockedBy : refused.map((line): Blocker => ({ line }))).map(({ line, fix }) => (
          <li key={line}>
            {line}
            {fix === 'make-thread' && (
              <Button
                size="sm"
                variant="danger"
                className="ml-2 align-baseline"
                onClick={onMakeThread}
              >
                Make it a thread
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
