import type { AccountAuth, PostDraft, ProviderError } from '@statex/core'
import type { HttpResponse } from '@statex/core/adapter'
import { expect } from 'vitest'
import type { PlatformSimulator } from './simulator/platform-simulator.js'
import type { RecordedRequest } from './simulator/server.js'

/**
 * A filter over a simulator's recorded requests: those to one method and path (a RegExp on the
 * path) since index `from`, in order. Wire tests use it to count what an adapter sent.
 */
export const requestsTo =
  (requests: readonly RecordedRequest[]) =>
  (method: string, path: RegExp, from = 0): RecordedRequest[] =>
    requests.slice(from).filter((r) => r.method === method && path.test(r.path))

/** A simulator, the adapter pointed at it, one connected account, and its recorded requests. */
export interface WireHarness<S extends PlatformSimulator, P> {
  sim: S
  provider: P
  account: AccountAuth
  /** Requests to one method and path (a RegExp on the path) since `from`, in order. */
  calls(method: string, path: RegExp, from?: number): RecordedRequest[]
}

/** The harness of a wire test: `provider` is built against the started simulator `sim`. */
export function wireHarness<S extends PlatformSimulator, P>(
  sim: S,
  provider: (sim: S) => P,
  accountName: string,
): WireHarness<S, P> {
  return {
    sim,
    provider: provider(sim),
    account: sim.createAccount({ name: accountName }),
    calls: requestsTo(sim.requests),
  }
}

/**
 * A maker of publish inputs, each with an idempotency key of its own, so tests never collide on
 * the key a platform (or the simulator) deduplicates by.
 */
export function publishInputs() {
  let keys = 0
  return (account: AccountAuth, post: PostDraft) => ({
    account,
    post,
    idempotencyKey: `test-${++keys}`,
  })
}

/** A JSON answer as `sendRequest` hands it to a platform's error classifier. */
export const httpAnswer = (
  status: number,
  json: unknown,
  headers: Record<string, string> = {},
): HttpResponse => ({
  status,
  headers: new Headers(headers),
  json,
  text: JSON.stringify(json),
})

/** What a classification table row expects of the `ProviderError`; absent fields are not checked. */
export interface ExpectedError {
  kind: string
  outcome?: string
  retryAfterMs?: number
  message?: RegExp
}

/** Checks a classified error against one row of an errors test table. */
export function expectClassified(error: ProviderError, expected: ExpectedError) {
  expect(error.kind).toBe(expected.kind)
  if (expected.outcome) expect(error.outcome).toBe(expected.outcome)
  if (expected.retryAfterMs !== undefined) expect(error.retryAfterMs).toBe(expected.retryAfterMs)
  if (expected.message) expect(error.message).toMatch(expected.message)
}
