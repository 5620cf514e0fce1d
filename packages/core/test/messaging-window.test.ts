import { describe, expect, it } from 'vitest'
import { messagingWindow } from '../src/index.js'

const last = new Date('2030-01-01T10:00:00Z')
const at = (ms: number) => new Date(last.getTime() + ms)
const HOUR = 3_600_000

describe('messagingWindow', () => {
  it('is open until exactly 24 hours after the person last wrote, on WhatsApp, Messenger and Instagram', () => {
    for (const platform of ['whatsapp', 'facebook', 'instagram'] as const) {
      expect(
        messagingWindow({ platform, type: 'MESSAGE', lastInboundAt: last, now: at(24 * HOUR - 1) }),
      ).toEqual({ open: true, closesAt: at(24 * HOUR) })
      expect(
        messagingWindow({ platform, type: 'MESSAGE', lastInboundAt: last, now: at(24 * HOUR) }),
      ).toMatchObject({ open: false, closedAt: at(24 * HOUR) })
    }
  })

  it('says a WhatsApp template is what remains, and is closed when the person never wrote', () => {
    const closed = messagingWindow({
      platform: 'whatsapp',
      type: 'MESSAGE',
      lastInboundAt: null,
      now: last,
    })
    expect(closed).toMatchObject({ open: false, closedAt: null })
    expect(closed.open === false && closed.message).toMatch(/template/)
  })

  it('leaves comments and other platforms alone', () => {
    const late = at(1000 * HOUR)
    expect(
      messagingWindow({ platform: 'facebook', type: 'COMMENT', lastInboundAt: last, now: late })
        .open,
    ).toBe(true)
    expect(
      messagingWindow({ platform: 'telegram', type: 'MESSAGE', lastInboundAt: last, now: late })
        .open,
    ).toBe(true)
  })
})
