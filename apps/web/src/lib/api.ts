import { createStatexClient, type StatexApiError, type StatexClient } from '@statex/api-client'

/**
 * The API as the browser sees it: same-origin `/api/v1/…`, which the dashboard's route handler
 * forwards to the REST API with the session token (src/app/api/v1/[...path]/route.ts). The typed
 * client keeps every call in step with the API's OpenAPI document.
 */
let client: StatexClient | undefined
export function api(): StatexClient {
  client ??= createStatexClient({
    baseUrl: `${typeof window === 'undefined' ? 'http://localhost' : window.location.origin}/api`,
  })
  return client
}

/** A refused or failed API call, with the API's code, message and details for the form or toast. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

/**
 * The data of an openapi-fetch answer, or an ApiCallError carrying the API's error envelope. A
 * 204 (a DELETE's answer) has no body, which openapi-fetch gives as `data: undefined`: that is
 * success, not an error.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.status === 204) return result.data as T
  if (result.error !== undefined || result.data === undefined) {
    const body = result.error as Partial<StatexApiError> | undefined
    const status = result.response.status
    throw new ApiCallError(
      status,
      body?.error?.code ?? `HTTP_${status}`,
      body?.error?.message ??
        (status === 502 || status === 503
          ? 'The API cannot be reached; check that it is running.'
          : `The API answered ${status}.`),
      body?.error?.details,
    )
  }
  return result.data
}
