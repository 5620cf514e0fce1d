import { withDefault } from '@statex/runtime'
import { z } from 'zod'

/** Where notification emails go out. Absent: notifications stay in the dashboard's bell. */
export interface SmtpSettings {
  readonly host: string
  readonly port: number
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  readonly secure: boolean
  readonly user?: string
  /** Never logged: only the transport holds it. */
  readonly password?: string
  /** `Statex Social <notifications@example.com>`. */
  readonly from: string
}

export interface NotificationSettings {
  /** Null when SMTP_HOST is unset: emails are recorded `skipped`, the bell still works. */
  readonly smtp: SmtpSettings | null
  /** The dashboard's public URL; links in emails start with it (`STATEX_WEB_URL`). */
  readonly webUrl: string
  /** Local hour (0-23, in each workspace's zone) the daily digest goes out (`DIGEST_HOUR`, default 8). */
  readonly digestHour: number
}

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value)

/** The worker's notification variables, merged into its env schema so every problem is reported at once. */
export const notificationEnvSchema = z.object({
  SMTP_HOST: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  SMTP_PORT: withDefault(
    z.coerce.number({ error: 'must be a port number' }).int().min(1).max(65_535),
    587,
  ),
  SMTP_SECURE: withDefault(z.enum(['true', 'false'], { error: 'must be true or false' }), 'false'),
  SMTP_USER: z.preprocess(unsetIfEmpty, z.string().optional()),
  SMTP_PASSWORD: z.preprocess(unsetIfEmpty, z.string().optional()),
  SMTP_FROM: withDefault(z.string().min(3), 'Statex Social <notifications@statex.local>'),
  STATEX_WEB_URL: withDefault(
    z.url({ protocol: /^https?$/, error: 'must be the dashboard’s http(s) URL' }),
    'http://localhost:3000',
  ),
  DIGEST_HOUR: withDefault(
    z.coerce.number({ error: 'must be an hour, 0-23' }).int().min(0).max(23),
    8,
  ),
})

/** For the env schema's `superRefine`: a password without a user is a typo, not "no auth". */
export function checkSmtpAuth(
  env: { SMTP_USER?: string | undefined; SMTP_PASSWORD?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (env.SMTP_PASSWORD && !env.SMTP_USER)
    ctx.addIssue({
      code: 'custom',
      path: ['SMTP_USER'],
      message: 'is unset while SMTP_PASSWORD is set; set both or neither',
    })
}

export function notificationSettings(
  env: z.output<typeof notificationEnvSchema>,
): NotificationSettings {
  return Object.freeze({
    smtp: env.SMTP_HOST
      ? Object.freeze({
          host: env.SMTP_HOST,
          port: env.SMTP_PORT,
          secure: env.SMTP_SECURE === 'true',
          ...(env.SMTP_USER ? { user: env.SMTP_USER } : {}),
          ...(env.SMTP_PASSWORD ? { password: env.SMTP_PASSWORD } : {}),
          from: env.SMTP_FROM,
        })
      : null,
    webUrl: env.STATEX_WEB_URL.replace(/\/$/, ''),
    digestHour: env.DIGEST_HOUR,
  })
}
