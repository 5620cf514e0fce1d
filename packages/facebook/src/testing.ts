/**
 * `@statex/facebook/testing`: a simulator of the Graph API endpoints a Facebook Pages app uses
 * (login, publishing, insights, comments, Messenger's Send API) that pushes signed Page webhooks.
 */
export type { FacebookSimulator, FacebookSimulatorOptions } from './simulator/simulator.js'
export {
  MESSENGER_WINDOW_MS,
  SIMULATED_PEOPLE,
  createFacebookSimulator,
} from './simulator/simulator.js'
