/**
 * The shared machinery of platform simulators: an HTTP server that records requests and carries
 * out faults, a fault queue, a clock tests can advance. Node only; no test framework needed.
 */
export type { Fault, FaultMatch, QueuedFault } from './simulator/faults.js'
export { FaultQueue } from './simulator/faults.js'
export type {
  RecordedRequest,
  SimHandler,
  SimResponse,
  SimulatorServer,
  SimulatorServerOptions,
} from './simulator/server.js'
export { startSimulatorServer } from './simulator/server.js'
export { SimClock, abortWhen, seededRandom } from './simulator/clock.js'
export type { PlatformSimulator, SimulatedPost } from './simulator/platform-simulator.js'
export type { CodeGrant } from './simulator/oauth.js'
export { redeemCode, redirectWithCode } from './simulator/oauth.js'
export type { TokenHolder } from './simulator/controls.js'
export { faultControls, tokenControls } from './simulator/controls.js'
export type { MediaHost } from './simulator/media.js'
export { createMediaHost } from './simulator/media.js'
