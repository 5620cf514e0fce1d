import { describe, expect, it } from 'vitest'
import {
  FaultQueue,
  createMediaHost,
  faultControls,
  tokenControls,
  type TokenHolder,
} from '../src/simulator.js'

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

describe('createMediaHost', () => {
  it('serves what it hosts at its URL, names encoded, and 404s the rest', () => {
    const media = createMediaHost()
    const url = media.host(
      'http://sim',
      { bytes: new Uint8Array([1, 2]), mimeType: 'image/png', name: 'a b.png' },
      () => 'x',
    )
    expect(url).toBe('http://sim/_sim/media/a%20b.png')
    const answer = media.serve(new URL(url).pathname)!
    expect(answer.status).toBe(200)
    expect(answer.headers).toEqual({ 'content-type': 'image/png' })
    expect([...(answer.body as Buffer)]).toEqual([1, 2])
    expect(
      media.host('http://sim', { bytes: new Uint8Array(), mimeType: 'video/mp4' }, () => '7'),
    ).toBe('http://sim/_sim/media/7.mp4')
    expect(media.serve('/_sim/media/none.png')?.status).toBe(404)
    expect(media.serve('/2/tweets')).toBeUndefined()
  })
})
