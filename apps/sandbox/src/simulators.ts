import type { SimulatorSetup } from './setup.js'

/** Every platform the sandbox runs a simulator for; the others answer "adapter not built yet". */
export function sandboxSetups(): SimulatorSetup[] {
  return []
}
