import { publishInputs, wireHarness, type WireHarness } from '@statex/testkit'
import { twitter, type TwitterOptions } from '../src/index.js'
import { createXSimulator, type XSimulator, type XSimulatorOptions } from '../src/testing.js'

export type Harness = WireHarness<XSimulator, ReturnType<typeof twitter>>

export const harness = async (
  options: TwitterOptions = {},
  simOptions: XSimulatorOptions = {},
): Promise<Harness> =>
  wireHarness(
    await createXSimulator(simOptions),
    (sim) =>
      twitter({ baseUrl: sim.baseUrl, clientId: 'client-1', clientSecret: 'secret-1', ...options }),
    'Wire',
  )

export const publishInput = publishInputs()

/** A tiny MP4-looking payload: the simulator checks sizes and types, not codecs. */
export const videoBytes = (size = 9 * 1024 * 1024) => new Uint8Array(size).fill(7)
