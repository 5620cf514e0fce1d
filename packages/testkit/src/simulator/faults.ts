/**
 * Faults a simulator can be told to produce on upcoming requests. Platform-independent faults
 * (slow, drop, hang) are carried out by the shared server; the rest are rendered by each
 * platform's simulator in that platform's own error format.
 */
export type Fault =
  /** The platform's rate-limit answer, with its own retry signal. */
  | { type: 'rate_limit'; retryAfterSeconds: number }
  /** A 5xx answer (500 unless stated) with the platform's error body. */
  | { type: 'server_error'; status?: number }
  /** The answer comes after `delayMs`. */
  | { type: 'slow'; delayMs: number }
  /** The request is received and acted on, then the connection is destroyed before any answer. */
  | { type: 'drop_after_receive' }
  /** The request is received and acted on, and no answer ever comes (the client times out). */
  | { type: 'hang_after_receive' }
  /** The connection is destroyed as soon as the request arrives, before it is acted on. */
  | { type: 'drop_before_receive' }
  /** The platform rejects the content with its own error body and, when given, this message. */
  | { type: 'reject_content'; message?: string }

export interface FaultMatch {
  method?: string
  /** A substring or pattern of the path (the part after the origin). */
  path?: string | RegExp
}

export interface QueuedFault {
  fault: Fault
  match?: FaultMatch
  /** How many matching requests it applies to; 1 unless stated. */
  times: number
}

/** A FIFO of faults; each matching request takes the first fault that matches it. */
export class FaultQueue {
  readonly #queue: QueuedFault[] = []

  add(fault: Fault, options: { match?: FaultMatch; times?: number } = {}): void {
    this.#queue.push({ fault, match: options.match, times: options.times ?? 1 })
  }

  clear(): void {
    this.#queue.length = 0
  }

  get pending(): number {
    return this.#queue.length
  }

  /** Takes the fault for this request, if any. */
  take(method: string, path: string): Fault | undefined {
    const index = this.#queue.findIndex(({ match }) => matches(match, method, path))
    if (index < 0) return undefined
    const entry = this.#queue[index]!
    entry.times -= 1
    if (entry.times <= 0) this.#queue.splice(index, 1)
    return entry.fault
  }
}

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false
  if (match.path === undefined) return true
  return typeof match.path === 'string' ? path.includes(match.path) : match.path.test(path)
}
