import { loadConfig } from '../src/config.js'
import { startSandbox, type Sandbox } from '../src/sandbox.js'
import type { SimulatorSetup } from '../src/setup.js'

/** A sandbox on an ephemeral port with its log captured. */
export async function startTestSandbox(
  setups: SimulatorSetup[],
  env: Record<string, string> = {},
): Promise<Sandbox & { logs: string[] }> {
  const logs: string[] = []
  const sandbox = await startSandbox({
    config: loadConfig({ SANDBOX_PORT: '0', ...env }),
    setups,
    log: (line) => logs.push(line),
  })
  return Object.assign(sandbox, { logs })
}
