/** Runs once when the server starts; the check itself is Node-only, so it is loaded only there. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkConfigAtStartup } = await import('./server/startup-check')
    await checkConfigAtStartup()
  }
}
