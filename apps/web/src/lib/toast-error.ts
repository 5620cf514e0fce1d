import { toast } from 'sonner'
import { ApiCallError } from './api'

/** A failed action as a toast: the API's own message, which says what to fix. */
export function toastError(what: string, error: unknown): void {
  const message =
    error instanceof ApiCallError || error instanceof Error ? error.message : String(error)
  toast.error(`${what}: ${message}`)
}
