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
