/**
 * Every error code the API answers with, in one place. Clients branch on `code`; `message` is
 * the default text a person reads. Codes are never reused for another meaning.
 */
const DEFINITIONS = [
  {
    code: 'VALIDATION_FAILED',
    status: 400,
    message: 'The request is invalid; see details for every problem.',
  },
  { code: 'MALFORMED_REQUEST', status: 400, message: 'The request could not be read.' },
  { code: 'NOT_FOUND', status: 404, message: 'Nothing matches this method and path.' },
  { code: 'PAYLOAD_TOO_LARGE', status: 413, message: 'The request body is too large.' },
  {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    message: 'The request body has a content type this endpoint does not accept.',
  },
  {
    code: 'SERVICE_UNAVAILABLE',
    status: 503,
    message: 'A service the API depends on is unavailable.',
  },
  {
    code: 'INTERNAL_ERROR',
    status: 500,
    message: 'Something went wrong on our side. It has been logged.',
  },
] as const satisfies readonly ErrorDefinition[]

export interface ErrorDefinition {
  code: string
  status: number
  message: string
}

export type ErrorCode = (typeof DEFINITIONS)[number]['code']

export const ERROR_DEFINITIONS: readonly ErrorDefinition[] = DEFINITIONS

export const ERRORS = Object.freeze(
  Object.fromEntries(DEFINITIONS.map((d) => [d.code, Object.freeze({ ...d })])) as Record<
    ErrorCode,
    ErrorDefinition
  >,
)

/** The body of every error answer. */
export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; details?: unknown }
}

/** Thrown by routes for an answer the client can act on; the error handler renders it. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly code: ErrorCode
  readonly status: number
  readonly details?: unknown

  constructor(
    code: ErrorCode,
    options: { message?: string; details?: unknown; cause?: unknown } = {},
  ) {
    super(
      options.message ?? ERRORS[code].message,
      options.cause === undefined ? undefined : { cause: options.cause },
    )
    this.code = code
    this.status = ERRORS[code].status
    if (options.details !== undefined) this.details = options.details
  }
}
