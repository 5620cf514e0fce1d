import type { z } from 'zod'

/** One problem with the environment, named by the variable a person has to fix. */
export interface ConfigIssue {
  variable: string
  message: string
}

/**
 * Every configuration problem found, at once, so a person fixes them in one go rather than one
 * restart per problem. `message` lists them one per line; it never contains a value.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  readonly issues: readonly ConfigIssue[]

  constructor(issues: readonly ConfigIssue[]) {
    super(
      `Invalid configuration:\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n')}`,
    )
    this.issues = issues
  }
}

/** Zod issues as `ConfigIssue`s; the first path segment is the environment variable. */
export function configIssuesFrom(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => ({
    variable: issue.path.length > 0 ? issue.path.map(String).join('.') : '(environment)',
    message: issue.message,
  }))
}

/** Environment files often carry `NAME=`; an empty value means "not set", not "set to nothing". */
export function emptyAsUnset(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value
}
