/**
 * The contract test kit: `runProviderContract` is called by every adapter's tests (Vitest).
 * Simulator machinery lives in `@statex/testkit/simulator`, which needs no test framework.
 */
export type { ProviderContractOptions } from './contract.js'
export { runProviderContract } from './contract.js'
export type { PlatformSimulator, SimulatedPost } from './simulator/platform-simulator.js'
export type { Fault, FaultMatch } from './simulator/faults.js'
export { runStandaloneSuite, standalonePackage } from './standalone.js'
export type { ExpectedError, WireHarness } from './harness.js'
export { expectClassified, httpAnswer, publishInputs, requestsTo, wireHarness } from './harness.js'
