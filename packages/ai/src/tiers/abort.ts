/** `timeout` when the call's signal fired (our per-tier timeout), else undefined. */
export function abortKind(error: unknown, signal: AbortSignal): 'timeout' | undefined {
  if (signal.aborted) return 'timeout'
  const name = (error as { name?: unknown } | null)?.name
  return name === 'AbortError' || name === 'TimeoutError' ? 'timeout' : undefined
}
