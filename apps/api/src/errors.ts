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
  {
    code: 'UNAUTHENTICATED',
    status: 401,
    message:
      'Sign in first: send "Authorization: Bearer <API key>" or the dashboard\'s session token.',
  },
  {
    code: 'FORBIDDEN',
    status: 403,
    message: 'Your role in this workspace does not allow this.',
  },
  {
    code: 'WEBHOOK_SIGNATURE_INVALID',
    status: 401,
    message: 'The webhook signature or secret does not match; nothing was stored.',
  },
  { code: 'NOT_FOUND', status: 404, message: 'Nothing matches this method and path.' },
  {
    code: 'CONFLICT',
    status: 409,
    message: 'The resource changed or is in a state that does not allow this; re-read it.',
  },
  {
    code: 'LAST_OWNER',
    status: 409,
    message: 'A workspace keeps at least one owner: make someone else owner first.',
  },
  {
    code: 'ACCOUNT_HAS_SCHEDULED_POSTS',
    status: 409,
    message:
      'Posts are scheduled on this account; pass cancelScheduled=true to cancel them, or reschedule them first.',
  },
  {
    code: 'EMAIL_TAKEN',
    status: 409,
    message: 'An account with this email exists; sign in instead.',
  },
  {
    code: 'SIGNUP_DISABLED',
    status: 403,
    message: 'Sign-up is turned off on this server; ask a workspace owner for an invitation.',
  },
  {
    code: 'INVITATION_INVALID',
    status: 410,
    message: 'This invitation is unknown, used or expired; ask for a new one.',
  },
  {
    code: 'EMAIL_NOT_VERIFIED',
    status: 422,
    message:
      'The identity provider has not verified this email address; verify it there, then sign in again.',
  },
  {
    code: 'WEAK_PASSWORD',
    status: 422,
    message: 'The password is too easy to guess; see the message for why.',
  },
  {
    code: 'APPROVAL_REQUIRED',
    status: 409,
    message: 'This post waits for an approval; it cannot be scheduled or published yet.',
  },
  {
    code: 'NOT_AN_APPROVER',
    status: 403,
    message: 'You are not an approver of this workspace (see GET /v1/workspace/approvals).',
  },
  {
    code: 'REVIEW_LINK_INVALID',
    status: 410,
    message: 'This review link is unknown, expired or revoked; ask for a new one.',
  },
  {
    code: 'PERSON_REQUIRED',
    status: 403,
    message:
      'This belongs to a person: sign in to the dashboard. An API key has no notifications or preferences.',
  },
  {
    code: 'IDEMPOTENCY_IN_PROGRESS',
    status: 409,
    message: 'A request with this Idempotency-Key is still running; retry in a moment.',
  },
  {
    code: 'CONTENT_INVALID',
    status: 422,
    message: 'The post breaks the rules of one or more target platforms; see details per target.',
  },
  {
    code: 'DUPLICATE_CONTENT',
    status: 422,
    message:
      'The same or nearly the same text went to this account recently, and the platform refuses duplicates; change the text.',
  },
  {
    code: 'INVALID_INPUT',
    status: 422,
    message: 'A value is well-formed but cannot be used; see the message.',
  },
  {
    code: 'IDEMPOTENCY_KEY_REUSED',
    status: 422,
    message:
      'This Idempotency-Key was used with a different request in the last 24 hours; use a new key.',
  },
  {
    code: 'MESSAGING_WINDOW_CLOSED',
    status: 422,
    message:
      'More than 24 hours passed since the person last wrote: the platform allows no free-form reply (a WhatsApp template, or a person).',
  },
  {
    code: 'REPLY_OUTCOME_UNKNOWN',
    status: 502,
    message:
      'The platform did not confirm the reply; it may have been sent, so it will not be sent again. Check on the platform.',
  },
  {
    code: 'RATE_LIMITED',
    status: 429,
    message: 'Too many requests; wait for the time in the Retry-After header.',
  },
  {
    code: 'PLATFORM_ERROR',
    status: 502,
    message: 'The platform refused or did not answer; see details.',
  },
  { code: 'PAYLOAD_TOO_LARGE', status: 413, message: 'The request body is too large.' },
  {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    message: 'The request body has a content type this endpoint does not accept.',
  },
  {
    code: 'AI_UNAVAILABLE',
    status: 503,
    message:
      'No AI tier answered: none is configured (OLLAMA_URL, OPENAI_API_KEY or AZURE_OPENAI_*), or every configured one failed or is cooling down.',
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
