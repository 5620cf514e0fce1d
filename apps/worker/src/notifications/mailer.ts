import type { Notification } from '@statex/db'
import nodemailer from 'nodemailer'
import type { SmtpSettings } from './smtp-config.js'

export interface OutgoingEmail {
  to: string
  subject: string
  text: string
  html: string
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>
  close(): void
}

/** A nodemailer SMTP transport; the password stays inside it (nodemailer never logs it unless asked). */
export function createMailer(smtp: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    // A hung server must not hold the job past its lock; BullMQ retries instead.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  })
  return {
    async send(email) {
      const info = await transport.sendMail({ from: smtp.from, ...email })
      return { messageId: info.messageId }
    },
    close: () => transport.close(),
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** One notification as an email: the title as subject, the body, and a link into the dashboard. */
export function renderNotificationEmail(
  notification: Pick<Notification, 'title' | 'body' | 'link'>,
  to: string,
  webUrl: string,
): OutgoingEmail {
  const url = notification.link ? `${webUrl}${notification.link}` : webUrl
  const footer = 'You get this because of your notification settings in Statex Social.'
  const paragraphs = notification.body.split('\n').filter(Boolean)
  return {
    to,
    subject: notification.title,
    text: `${notification.body}\n\nOpen: ${url}\n\n${footer} ${webUrl}/settings\n`,
    html: [
      `<h2 style="font-family:sans-serif">${escapeHtml(notification.title)}</h2>`,
      ...paragraphs.map((p) => `<p style="font-family:sans-serif">${escapeHtml(p)}</p>`),
      `<p><a href="${escapeHtml(url)}">Open in Statex Social</a></p>`,
      `<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>`,
    ].join('\n'),
  }
}
