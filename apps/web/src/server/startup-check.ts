import { ConfigError, getConfig } from './config'

/**
 * A bad configuration stops the server with every problem listed, instead of leaving a server
 * that answers every request with an error.
 */
export async function checkConfigAtStartup(): Promise<void> {
  try {
    await getConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`[statex/web] ${error.message}`)
    process.exit(1)
  }
}
