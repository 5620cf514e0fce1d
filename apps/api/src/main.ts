import { runService } from '@statex/runtime'
import { loadConfig } from './config.js'
import { startApi } from './start.js'

await runService({
  name: 'API',
  loadConfig,
  async start(config) {
    const api = await startApi({ config })
    return { log: api.app.log, stop: () => api.stop() }
  },
  shutdownLimitMs: 10_000,
})
