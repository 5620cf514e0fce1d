/**
 * `@statex/instagram/testing`: a simulator of the Instagram Graph API (content publishing with
 * containers and quota, insights, comments, mentions, direct messages) that pushes signed webhooks.
 */
export type { InstagramSimulator, InstagramSimulatorOptions } from './simulator/simulator.js'
export {
  CONTAINER_TTL_MS,
  DM_WINDOW_MS,
  SIMULATED_FOLLOWERS,
  VIDEO_PROCESSING_MS,
  createInstagramSimulator,
} from './simulator/simulator.js'
