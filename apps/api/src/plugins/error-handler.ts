import * as Sentry from '@sentry/node'
import type { FastifyError, FastifyInstance } from 'fastify'
import { InvalidTransitionError } from '@statex/core'
import {
  AccountHasPostsError,
  ApprovalStateError,
  InvalidInputError,
  LastOwnerError,
  NotFoundError,
  StatusConflictError,
} from '@statex/db'
import { z } from 'zod'
import { ApiError, ERRORS, type ErrorCode, type ErrorEnvelope } from '../errors.js'

/** One problem with a request, located by a path a client can map back to its input. */
export interface ValidationProblem {
  /** e.g. `body.text` or `querystring.limit`; `body` for the body as a whole. */
  path: string
  message: string
}

function envelope(code: ErrorCode, message: string, details?: unknown): ErrorEnvelope {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } }
}

/** Fastify validates with Ajv; `allErrors` is on, so this lists every problem, not the first. */
function ajvProblems(error: FastifyError): ValidationProblem[] {
  const where = error.validationContext ?? 'body'
  return (error.validation ?? []).map((v) => {
    const segments = v.instancePath.split('/').filter(Boolean)
    const missing =
      v.keyword === 'required'
        ? (v.params as { missingProperty?: string }).missingProperty
        : undefined
    if (missing) segments.push(missing)
    return { path: [where, ...segments].join('.'), message: v.message ?? 'is invalid' }
  })
}

function zodProblems(error: z.ZodError): ValidationProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }))
}

/** Errors of the data layer that are the caller's to act on. */
function domainError(error: unknown): ApiError | undefined {
  if (error instanceof NotFoundError)
    return new ApiError('NOT_FOUND', {
      message: `No ${error.entity.toLowerCase()} ${error.id} in this workspace.`,
    })
  if (error instanceof InvalidInputError)
    return new ApiError('INVALID_INPUT', { message: error.message })
  if (error instanceof LastOwnerError) return new ApiError('LAST_OWNER')
  if (error instanceof ApprovalStateError)
    return new ApiError('CONFLICT', {
      message: error.message,
      details: { postId: error.groupId, approvalStatus: error.approvalStatus },
    })
  if (error instanceof AccountHasPostsError)
    return new ApiError('CONFLICT', { message: error.message })
  if (error instanceof StatusConflictError || error instanceof InvalidTransitionError)
    return new ApiError('CONFLICT', { message: error.message })
  return undefined
}

/** Only Fastify's own client errors (`FST_*`): their messages describe the request, never internals. */
function fastifyClientError(error: FastifyError): ErrorCode | undefined {
  if (typeof error.code !== 'string' || !error.code.startsWith('FST_')) return undefined
  if (typeof error.statusCode !== 'number' || error.statusCode < 400 || error.statusCode >= 500)
    return undefined
  if (error.statusCode === 413) return 'PAYLOAD_TOO_LARGE'
  if (error.statusCode === 415) return 'UNSUPPORTED_MEDIA_TYPE'
  if (error.statusCode === 404) return 'NOT_FOUND'
  return 'MALFORMED_REQUEST'
}

/**
 * The one error handler: every failure leaves as `{ error: { code, message, details } }`.
 * Installed on the root instance on purpose (not encapsulated) so every route plugin inherits it.
 * Unknown errors answer 500 without their message or stack and go to Sentry when it is set up
 * (`captureException` does nothing otherwise).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .send(
        envelope('NOT_FOUND', `Nothing matches ${request.method} ${request.url.split('?')[0]}.`),
      )
  })

  app.setErrorHandler((raw: FastifyError, request, reply) => {
    const error = (domainError(raw) ?? raw) as FastifyError
    if (error instanceof ApiError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed')
      return reply.code(error.status).send(envelope(error.code, error.message, error.details))
    }
    if (error.validation) {
      return reply
        .code(400)
        .send(envelope('VALIDATION_FAILED', ERRORS.VALIDATION_FAILED.message, ajvProblems(error)))
    }
    if (error instanceof z.ZodError) {
      return reply
        .code(400)
        .send(envelope('VALIDATION_FAILED', ERRORS.VALIDATION_FAILED.message, zodProblems(error)))
    }
    const clientCode = fastifyClientError(error)
    if (clientCode) {
      return reply.code(ERRORS[clientCode].status).send(envelope(clientCode, error.message))
    }
    request.log.error({ err: error }, 'unhandled error')
    Sentry.captureException(error, {
      tags: {
        requestId: request.id,
        route: request.routeOptions.url ?? 'unknown',
        ...(request.principal ? { workspaceId: request.principal.workspaceId } : {}),
      },
      extra: { method: request.method, route: request.routeOptions.url },
    })
    return reply
      .code(500)
      .send(envelope('INTERNAL_ERROR', ERRORS.INTERNAL_ERROR.message, { requestId: request.id }))
  })
}
