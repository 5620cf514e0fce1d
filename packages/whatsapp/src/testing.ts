/**
 * `@statex/whatsapp/testing`: a WhatsApp Cloud API simulator for tests and the sandbox. It
 * answers `POST /{Version}/{Phone-Number-ID}/messages` and `/media` as Meta does (validation,
 * Graph error envelopes, tokens, the 24-hour window), advances delivery statuses with its clock
 * and pushes signed webhooks.
 */
export type {
  WebhookLogEntry,
  WhatsAppSimulator,
  WhatsAppSimulatorOptions,
} from './simulator/simulator.js'
export {
  SERVICE_WINDOW_MS,
  SIMULATED_CUSTOMERS,
  STATUS_DELAYS,
  createWhatsAppSimulator,
} from './simulator/simulator.js'
export { REENGAGEMENT_DETAILS, reengagementStatusError } from './simulator/graph-errors.js'
