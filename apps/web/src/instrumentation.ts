/** Runs once when the server starts: a bad configuration is reported in the log before the first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { getConfig } = await import('./server/config')
  await getConfig()
}
