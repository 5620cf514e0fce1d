import { describe, expect, it } from 'vitest'
import { FaultQueue, faultControls, tokenControls, type TokenHolder } from '../src/simulator.js'

describe('simulator controls', () => {
  it('flag the holder of a token, and ignore a token nobody holds', () => {
    const holder: TokenHolder = {}
    const controls = tokenControls((token) => (token === 'known' ? holder : undefined))
    controls.expireToken('unknown')
    controls.revokeToken('unknown')
    expect(holder).toEqual({})
    controls.expireToken('known')
    expect(holder).toEqual({ expired: true })
    controls.revokeToken('known')
    expect(holder).toEqual({ expired: true, revoked: true })
  })

  it('queue faults and clear them', () => {
    const faults = new FaultQueue()
    const controls = faultControls(faults)
    controls.injectFault({ type: 'server_error' }, { match: { method: 'POST' }, times: 2 })
    expect(faults.pending).toBe(1)
    expect(faults.take('GET', '/x')).toBeUndefined()
    expect(faults.take('POST', '/x')).toEqual({ type: 'server_error' })
    controls.clearFaults()
    expect(faults.pending).toBe(0)
  })
})
