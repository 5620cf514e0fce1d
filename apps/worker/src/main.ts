import { createLogger, runService } from '@statex/runtime'
import { loadConfig } from './config.js'
import { startWorker } from './start.js'

await runService({
  name: 'worker',
  loadConfig,
  async start(config) {
    const log = createLogger('worker', config.logLevel)
    const worker = await startWorker({ config, log })
    return { log, stop: () => worker.stop() }
  },
  // Longer than the API's: active jobs (a video upload) get time to finish.
  shutdownLimitMs: 30_000,
})
