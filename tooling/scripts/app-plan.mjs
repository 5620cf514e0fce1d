// The apps `npm start` runs and the ports they listen on; `npm run reset` reads it to tell whether
// they still run.
const port = (value, fallback) => Number(value) || fallback

/** The apps `npm start` runs, in start order; `entry` is what must exist for an app to run. */
export function appPlan(env) {
  const ports = {
    api: port(env.API_PORT, 4000),
    web: port(env.WEB_PORT, 3000),
    sandbox: port(env.SANDBOX_PORT, 4010),
    // The sandbox's SMTP catcher (its /mail page), where the worker's notification emails go.
    smtp: port(env.SANDBOX_SMTP_PORT, 2525),
  }
  return {
    ports,
    apps: [
      {
        name: 'sandbox',
        color: 'magenta',
        entry: 'apps/sandbox/dist/main.js',
        command: process.execPath,
        args: ['apps/sandbox/dist/main.js'],
        env: { SANDBOX_PORT: String(ports.sandbox), SANDBOX_SMTP_PORT: String(ports.smtp) },
        health: `http://127.0.0.1:${ports.sandbox}/health`,
      },
      {
        name: 'api',
        color: 'cyan',
        entry: 'apps/api/dist/main.js',
        command: process.execPath,
        args: ['apps/api/dist/main.js'],
        env: { PORT: String(ports.api), API_PORT: String(ports.api) },
        health: `http://127.0.0.1:${ports.api}/health`,
      },
      {
        name: 'worker',
        color: 'yellow',
        entry: 'apps/worker/dist/main.js',
        command: process.execPath,
        args: ['apps/worker/dist/main.js'],
        env: {},
      },
      // `next start` directly rather than through `pnpm --filter @statex/web start`: the same server,
      // without pnpm reporting a "failed" run each time Ctrl+C stops it.
      {
        name: 'web',
        color: 'green',
        entry: 'apps/web/.next/BUILD_ID',
        command: process.execPath,
        args: ['node_modules/next/dist/bin/next', 'start', '-p', String(ports.web)],
        cwd: 'apps/web',
        env: { PORT: String(ports.web), WEB_PORT: String(ports.web) },
        health: `http://127.0.0.1:${ports.web}/`,
      },
    ],
  }
}
