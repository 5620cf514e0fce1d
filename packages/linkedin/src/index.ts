/**
 * `@statex/linkedin`: the LinkedIn adapter for Statex Social. The simulator for tests is in
 * `@statex/linkedin/testing`.
 */
export type { LinkedInOptions } from './provider.js'
export { DEFAULT_LINKEDIN_VERSION, LINKEDIN_CAPABILITIES, linkedin } from './provider.js'
export type { ClassifyContext } from './errors.js'
export { classifyLinkedInError, classifyLinkedInTokenError, untilMidnightUtc } from './errors.js'
export type { LinkedInClient, LinkedInClientOptions, PostCreateRequest } from './client.js'
export { encodeUrn, linkedinClient } from './client.js'
export { DEFAULT_LINKEDIN_SCOPES } from './oauth.js'
export { RESERVED, escapeLittleText, renderLittleText, toLittleText } from './little-text.js'
export type { LinkedInComment, LinkedInPost } from './schemas.js'
