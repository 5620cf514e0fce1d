/**
 * A simulator's sense of time: real time plus whatever a test advanced it by, so engagement can
 * "grow over an hour" in a test that takes milliseconds.
 */
export class SimClock {
  #offsetMs = 0

  now(): number {
    return Date.now() + this.#offsetMs
  }

  date(): Date {
    return new Date(this.now())
  }

  advance(ms: number): void {
    this.#offsetMs += ms
  }
}

/** A deterministic pseudo-random generator (mulberry32), so simulated engagement is repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A signal that aborts as soon as `condition()` holds (checked every few milliseconds), or after
 * `limitMs`. Tests use it for "the client gave up after the platform acted" without a fixed
 * timeout that a loaded machine could hit before the request even arrives.
 */
export function abortWhen(condition: () => boolean, limitMs = 15_000): AbortSignal {
  const controller = new AbortController()
  const started = Date.now()
  const timer = setInterval(() => {
    if (condition() || Date.now() - started > limitMs) {
      clearInterval(timer)
      controller.abort(new DOMException('The client stopped waiting for an answer', 'TimeoutError'))
    }
  }, 5)
  return controller.signal
}
