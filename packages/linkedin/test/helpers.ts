import { publishInputs, wireHarness, type WireHarness } from '@statex/testkit'
import { linkedin, type LinkedInOptions } from '../src/index.js'
import {
  createLinkedInSimulator,
  type LinkedInSimulator,
  type LinkedInSimulatorOptions,
} from '../src/testing.js'

export type Harness = WireHarness<LinkedInSimulator, ReturnType<typeof linkedin>>

export const harness = async (
  options: LinkedInOptions = {},
  simOptions: LinkedInSimulatorOptions = {},
): Promise<Harness> =>
  wireHarness(
    await createLinkedInSimulator(simOptions),
    (sim) =>
      linkedin({
        baseUrl: sim.baseUrl,
        oauthBaseUrl: sim.baseUrl,
        clientId: 'client-1',
        clientSecret: 'secret-1',
        ...options,
      }),
    'Acme',
  )

export const publishInput = publishInputs()
