import AjvModule, { type ValidateFunction } from 'ajv'
import spec from './x-openapi.json'

// ajv is CommonJS: its class is the default export under ESM and `.default` when bundled to CJS.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ??
  AjvModule) as typeof AjvModule

interface Parameter {
  name: string
  in: 'query' | 'path' | 'header'
  required?: boolean
  schema?: Record<string, unknown>
}
interface Operation {
  parameters?: (Parameter | { $ref: string })[]
  requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> }
  security?: Record<string, string[]>[]
}

const SPEC_ID = 'x-openapi'
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true })
ajv.addSchema(spec as object, SPEC_ID)
const compiled = new Map<string, ValidateFunction>()

function validatorAt(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer)
  if (!validate) {
    validate = ajv.compile({ $ref: `${SPEC_ID}#${pointer}` })
    compiled.set(pointer, validate)
  }
  return validate
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1')

const paths = spec.paths as unknown as Record<string, Record<string, Operation>>
// Literal segments before templated ones: /2/tweets/search/recent is not /2/tweets/{id}.
const TEMPLATES = Object.keys(paths)
  .map((template) => ({
    template,
    names: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
  }))
  .sort((a, b) => a.names.length - b.names.length)

function resolveParameter(p: Parameter | { $ref: string }): Parameter {
  if ('$ref' in p) {
    const name = p.$ref.split('/').pop()!
    return (spec.components as unknown as { parameters: Record<string, Parameter> }).parameters[
      name
    ]!
  }
  return p
}

function errorsOf(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`,
  )
}

/** A query value as its schema types it: arrays are comma-separated (style form, explode false). */
function coerce(value: string, schema: Record<string, unknown> | undefined): unknown {
  if (schema?.type === 'array') return value.split(',')
  if (schema?.type === 'integer' || schema?.type === 'number')
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value
  if (schema?.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value
  return value
}

export interface MatchedOperation {
  template: string
  operation: Operation
  params: Record<string, string>
  /** OAuth 2.0 user-context scopes the spec requires for this operation. */
  scopes: string[]
}

export interface RequestCheck {
  matched?: MatchedOperation
  /** Every way the request departs from the spec; empty when it validates. */
  problems: string[]
}

/**
 * Validates one request against the X OpenAPI operations the adapter uses (method, path,
 * path and query parameters, JSON body schema, required multipart fields).
 */
export function checkRequest(input: {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
  contentType: string | undefined
}): RequestCheck {
  const method = input.method.toLowerCase()
  const found = TEMPLATES.find((t) => t.pattern.test(input.path))
  if (!found) return { problems: [`no operation in the X OpenAPI matches the path ${input.path}`] }
  const operation = paths[found.template]![method]
  if (!operation)
    return { problems: [`${input.method.toUpperCase()} is not an operation of ${found.template}`] }
  const values = found.pattern.exec(input.path)!.slice(1).map(decodeURIComponent)
  const params = Object.fromEntries(found.names.map((name, i) => [name, values[i]!]))
  const base = `/paths/${escapePointer(found.template)}/${method}`
  const problems: string[] = []

  const declared = (operation.parameters ?? []).map(resolveParameter)
  const queryNames = new Set(declared.filter((p) => p.in === 'query').map((p) => p.name))
  for (const name of new Set(input.query.keys()))
    if (!queryNames.has(name))
      problems.push(`the query parameter [${name}] is not one of [${[...queryNames].join(',')}]`)
  for (const parameter of declared) {
    const raw =
      parameter.in === 'path'
        ? params[parameter.name]
        : parameter.in === 'query'
          ? (input.query.get(parameter.name) ?? undefined)
          : undefined
    if (parameter.in === 'header') continue
    if (raw === undefined) {
      if (parameter.required)
        problems.push(`the ${parameter.in} parameter ${parameter.name} is required`)
      continue
    }
    if (!parameter.schema) continue
    const validate = parameterValidator(parameter.schema)
    if (!validate(coerce(raw, parameter.schema)))
      problems.push(...errorsOf(validate).map((e) => `${parameter.name}: ${e}`))
  }

  const content = operation.requestBody?.content
  const type = (input.contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (content) {
    if (input.body === undefined) {
      if (operation.requestBody?.required) problems.push('the request body is required')
    } else if (!content[type]) {
      problems.push(
        `the body's content type ${type || '(none)'} is not one of ${Object.keys(content).join(', ')}`,
      )
    } else if (type === 'application/json') {
      const validate = validatorAt(`${base}/requestBody/content/${escapePointer(type)}/schema`)
      if (!validate(input.body)) problems.push(...errorsOf(validate))
    } else if (type === 'multipart/form-data') {
      const fields = input.body as Record<string, unknown>
      for (const name of ['media', 'segment_index'])
        if (!(name in fields)) problems.push(`the multipart field ${name} is required`)
    }
  } else if (input.body !== undefined && method !== 'get' && method !== 'delete') {
    problems.push(`${input.method.toUpperCase()} ${found.template} takes no body`)
  }

  const scopes = operation.security?.find((s) => 'OAuth2UserToken' in s)?.OAuth2UserToken ?? []
  return { matched: { template: found.template, operation, params, scopes }, problems }
}

const parameterValidators = new Map<string, ValidateFunction>()
function parameterValidator(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema)
  let validate = parameterValidators.get(key)
  if (!validate) {
    validate = ajv.compile(resolveSchemaRefs(schema))
    parameterValidators.set(key, validate)
  }
  return validate
}

/** Parameter schemas may $ref components; point the refs into the registered spec. */
function resolveSchemaRefs(schema: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${SPEC_ID}#/`),
  ) as Record<string, unknown>
}
