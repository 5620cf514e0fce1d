export * from '@statex/jobs/testing'

/** A well-formed keyring for tests: 32 zero bytes. Never a real key. */
export const TEST_ENCRYPTION_KEYS = `test:${Buffer.alloc(32).toString('base64')}`
