import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface CaughtMail {
  to: string[]
  subject: string
  text: string
}

/** A real SMTP server on an ephemeral port that keeps what it receives (tests only). */
export async function startSmtpCatcher(): Promise<{
  port: number
  mails: CaughtMail[]
  /** The user names that logged in. */
  logins: string[]
  /** The next n connections are refused with a 421 (a server that is down for a moment). */
  refuseNext(n: number): void
  close(): Promise<void>
}> {
  const mails: CaughtMail[] = []
  const logins: string[] = []
  let refusing = 0
  const server = new SMTPServer({
    authOptional: true,
    // Plain-text AUTH without TLS: a loopback test server, the way the sandbox's catcher runs.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? '')
      callback(null, { user: auth.username })
    },
    onConnect(_session, callback) {
      if (refusing > 0) {
        refusing--
        const error = Object.assign(new Error('Service not available, try later'), {
          responseCode: 421,
        })
        callback(error)
        return
      }
      callback()
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          })
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    logins,
    refuseNext(n) {
      refusing = n
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
