import nodemailer from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeSetup } from './fake-simulator.js'
import { startTestSandbox } from './helpers.js'

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>
beforeAll(async () => {
  sandbox = await startTestSandbox([fakeSetup(() => undefined)], { SANDBOX_SMTP_PORT: '0' })
})
afterAll(() => sandbox.close())

describe('the mail catcher', () => {
  it('receives what an SMTP client sends and lists it on /mail, newest first, links clickable', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: sandbox.mail!.port,
      secure: false,
      auth: { user: 'anyone', pass: 'anything' },
    })
    for (const n of [1, 2])
      await transport.sendMail({
        from: 'Statex <notifications@statex.local>',
        to: 'owner@example.com',
        subject: `A post failed <${n}>`,
        text: `Open: http://localhost:3000/posts?post=p${n}&x=1`,
      })
    transport.close()
    const json = (await (await fetch(`${sandbox.url}/_sandbox/mail`)).json()) as {
      smtp: { port: number }
      mails: { subject: string; to: string[]; text: string }[]
    }
    expect(json.smtp.port).toBe(sandbox.mail!.port)
    expect(json.mails.map((m) => m.subject)).toEqual(['A post failed <2>', 'A post failed <1>'])
    expect(json.mails[0]).toMatchObject({ to: ['owner@example.com'] })
    const html = await (await fetch(`${sandbox.url}/mail`)).text()
    expect(html).toContain('A post failed &lt;2&gt;')
    expect(html).toContain(
      '<a href="http://localhost:3000/posts?post=p2&amp;x=1">http://localhost:3000/posts?post=p2&amp;x=1</a>',
    )
    expect(html.indexOf('&lt;2&gt;')).toBeLessThan(html.indexOf('&lt;1&gt;'))
  })

  it('runs only when asked: without SANDBOX_SMTP_PORT the page says how to turn it on', async () => {
    const plain = await startTestSandbox([fakeSetup(() => undefined)])
    try {
      expect(plain.mail).toBeNull()
      expect(await (await fetch(`${plain.url}/mail`)).text()).toContain('SANDBOX_SMTP_PORT')
    } finally {
      await plain.close()
    }
  })
})

describe('fault injection over HTTP', () => {
  it('makes the next matching simulator request fail as asked, and says what is wrong with a bad body', async () => {
    const s = await startTestSandbox([fakeSetup()])
    const echo = async () => (await fetch(`${s.url}/telegram/echo/x`)).status
    try {
      const post = (body: unknown) =>
        fetch(`${s.url}/_sandbox/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      const bad = await post({ platform: 'telegram', fault: { type: 'explode' } })
      expect(bad.status).toBe(400)
      expect(((await bad.json()) as { sandboxError: string }).sandboxError).toMatch(/fault/)
      const ok = await post({
        platform: 'telegram',
        fault: { type: 'server_error' },
        path: '/echo',
        times: 2,
      })
      expect(ok.status).toBe(201)
      expect(await echo()).toBe(500)
      const cleared = await fetch(`${s.url}/_sandbox/faults?platform=telegram`, {
        method: 'DELETE',
      })
      expect(cleared.status).toBe(200)
      // The second of the two was cleared.
      expect(await echo()).toBe(200)
    } finally {
      await s.close()
    }
  })
})
