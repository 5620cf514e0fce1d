import type { Fault, FaultMatch, FaultQueue } from './faults.js'

/** `injectFault` / `clearFaults` of a `PlatformSimulator`, over its fault queue. */
export function faultControls(faults: Pick<FaultQueue, 'add' | 'clear'>) {
  return {
    injectFault: (fault: Fault, opts?: { match?: FaultMatch; times?: number }) =>
      faults.add(fault, opts),
    clearFaults: () => faults.clear(),
  }
}

/** Whatever in a simulator's state a token belongs to (an account, a member), with its flags. */
export interface TokenHolder {
  expired?: boolean
  revoked?: boolean
}

/**
 * `expireToken` / `revokeToken` of a `PlatformSimulator` whose state flags the holder of a token;
 * a token nobody holds is ignored, as the platform would no longer know it either.
 */
export function tokenControls(holderOf: (accessToken: string) => TokenHolder | undefined) {
  return {
    expireToken(accessToken: string) {
      const holder = holderOf(accessToken)
      if (holder) holder.expired = true
    },
    revokeToken(accessToken: string) {
      const holder = holderOf(accessToken)
      if (holder) holder.revoked = true
    },
  }
}
