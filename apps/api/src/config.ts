import { loadServiceEnv, withDefault, type ServiceSettings } from '@statex/runtime'
import { z } from 'zod'

export interface ApiConfig extends ServiceSettings {
  readonly port: number
  readonly host: string
}

const apiEnvSchema = z.object({
  PORT: withDefault(
    z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be 0-65535 (0 picks a free port)')
      .max(65_535, 'must be 0-65535 (0 picks a free port)'),
    4000,
  ),
  HOST: withDefault(z.string(), '0.0.0.0'),
})

/**
 * Reads and validates the API's settings once; pass `process.env` from `main.ts` only.
 * @throws ConfigError listing every problem, app and platform settings together.
 */
export function loadConfig(env: Record<string, string | undefined>): ApiConfig {
  const { app, settings } = loadServiceEnv(env, apiEnvSchema)
  return Object.freeze({ port: app.PORT, host: app.HOST, ...settings })
}
