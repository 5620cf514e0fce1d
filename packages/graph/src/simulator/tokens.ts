/** Access tokens: where Graph reads them from, the appsecret_proof check and the simulator's token registry. */
import { randomBytes } from 'node:crypto'
import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import { appSecretProof } from '../appsecret-proof.js'
import {
  expiredToken,
  graphError,
  invalidAppSecretProof,
  invalidToken,
  revokedToken,
} from './error-bodies.js'

/** A fresh token in the shape of a Meta user or Page access token (`EAAG…`). */
export const newAccessToken = () => `EAAG${randomBytes(24).toString('base64url')}`

/** The access token of a Graph request: the bearer header, else the `access_token` parameter. */
export function tokenOf(request: RecordedRequest): string | undefined {
  const header = request.headers.authorization
  const bearer =
    typeof header === 'string' ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header)?.[1] : undefined
  const fromBody =
    request.body && typeof request.body === 'object'
      ? (request.body as Record<string, unknown>).access_token
      : undefined
  return (
    bearer ??
    request.query.get('access_token') ??
    (typeof fromBody === 'string' ? fromBody : undefined)
  )
}

/**
 * Graph's appsecret_proof check: a proof that is present must match; one that is missing is an
 * error only when the app requires it ("Require App Secret").
 */
export function checkAppSecretProof(
  request: RecordedRequest,
  token: string,
  appSecret: string,
  required: boolean,
): SimResponse | undefined {
  const given = request.query.get('appsecret_proof')
  if (given === null)
    return required
      ? graphError({
          status: 400,
          code: 100,
          type: 'GraphMethodException',
          message: 'API calls from the server require an appsecret_proof argument',
        })
      : undefined
  return given === appSecretProof(token, appSecret) ? undefined : invalidAppSecretProof()
}

export type TokenState = 'valid' | 'expired' | 'revoked'

/**
 * The access tokens a simulator issued, with what each may reach, and Graph's answers for a
 * missing, unknown, expired or revoked token and for a wrong or missing appsecret_proof.
 */
export function createTokenRegistry<T>(options: {
  now: () => Date
  appSecret?: string
  requireAppSecretProof?: boolean
  /** The answer when no token was sent; default Graph's code 104. */
  missing?: () => SimResponse
}) {
  const tokens = new Map<string, { data: T; state: TokenState }>()
  const set = (token: string, state: TokenState) => {
    const entry = tokens.get(token)
    if (entry) entry.state = state
  }
  return {
    add: (token: string, data: T) => void tokens.set(token, { data, state: 'valid' }),
    get: (token: string) => tokens.get(token),
    expire: (token: string) => set(token, 'expired'),
    revoke: (token: string) => set(token, 'revoked'),
    authenticate(request: RecordedRequest): SimResponse | { token: string; data: T } {
      const token = tokenOf(request)
      if (!token)
        return (
          options.missing?.() ??
          graphError({
            status: 400,
            code: 104,
            message: 'An access token is required to request this resource.',
          })
        )
      const entry = tokens.get(token)
      if (!entry) return invalidToken()
      if (entry.state === 'expired') return expiredToken(options.now())
      if (entry.state === 'revoked') return revokedToken()
      const proof = options.appSecret
        ? checkAppSecretProof(
            request,
            token,
            options.appSecret,
            options.requireAppSecretProof ?? false,
          )
        : undefined
      return proof ?? { token, data: entry.data }
    },
  }
}
