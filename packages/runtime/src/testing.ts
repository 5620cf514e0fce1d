import { ConfigError } from '@statex/providers'

/** The `ConfigError` that `load` throws; fails the test when it accepts the environment. */
export function configErrorFrom(load: () => unknown): ConfigError {
  try {
    load()
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('loadConfig accepted the environment')
}
