import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/** One message the catcher received, as the /mail page shows it. */
export interface CaughtMail {
  id: number
  from: string
  to: string[]
  subject: string
  text: string
  receivedAt: Date
}

export interface MailCatcher {
  readonly port: number
  /** Newest last; the oldest are dropped past `MAX_MAILS`. */
  readonly mails: readonly CaughtMail[]
  close(): Promise<void>
}

/** A sandbox runs for a session, not forever: enough to follow a flow, bounded memory. */
export const MAX_MAILS = 200
/** Larger messages are refused (a notification is a few kilobytes). */
const MAX_SIZE = 1_000_000

/**
 * A local SMTP server that accepts every message and keeps it in memory, so the worker's
 * notification emails can be seen offline on the sandbox's /mail page. Any user name and password
 * are accepted (and forgotten) over plain text: it listens on the loopback for a sandbox only.
 */
export async function startMailCatcher(options: {
  port: number
  host: string
  log: (line: string) => void
}): Promise<MailCatcher> {
  const mails: CaughtMail[] = []
  let next = 1
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_SIZE,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'sandbox' })
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const from = session.envelope.mailFrom
          mails.push({
            id: next++,
            from: from ? from.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '(no subject)',
            text: parsed.text ?? '',
            receivedAt: new Date(),
          })
          if (mails.length > MAX_MAILS) mails.splice(0, mails.length - MAX_MAILS)
          options.log(`sandbox: mail received: ${parsed.subject ?? '(no subject)'}`)
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
  server.on('error', (error) => options.log(`sandbox: mail catcher error: ${error.message}`))
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject)
      resolve()
    })
  })
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
