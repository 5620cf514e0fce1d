import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../src/logger.js'

function capture() {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  return { lines, stream }
}

describe('createLogger', () => {
  it('tags lines with the service and redacts secrets at the top level and one level down', async () => {
    const { lines, stream } = capture()
    const log = createLogger('worker', 'info', stream)
    log.info(
      {
        token: 'bot-token',
        account: { accessToken: 'access', name: 'Acme' },
        headers: { authorization: 'Bearer x', 'x-hub-signature-256': 'sha256=abc', accept: '*/*' },
      },
      'hello',
    )
    await new Promise((resolve) => setImmediate(resolve))
    expect(lines).toEqual([
      expect.objectContaining({
        service: 'worker',
        msg: 'hello',
        token: '[redacted]',
        account: { accessToken: '[redacted]', name: 'Acme' },
        headers: {
          authorization: '[redacted]',
          'x-hub-signature-256': '[redacted]',
          accept: '*/*',
        },
      }),
    ])
  })

  it('writes nothing below its level', async () => {
    const { lines, stream } = capture()
    createLogger('api', 'warn', stream).info('quiet')
    await new Promise((resolve) => setImmediate(resolve))
    expect(lines).toEqual([])
  })
})
