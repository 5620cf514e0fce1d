import { createStatexClient } from '@statex/api-client'
import type { WebConfig } from './config'

/**
 * Whether the API lets anyone create an account (its SIGNUP_ENABLED, `GET /v1/auth/options`):
 * the sign-up page and the sign-in page's link follow the API, never a setting of their own.
 * An API that does not answer counts as open: the page then shows the form, and the API, which
 * decides, still refuses a sign-up it does not allow.
 */
export async function signUpOpen(config: WebConfig): Promise<boolean> {
  try {
    const { data, response } = await createStatexClient({ baseUrl: config.apiUrl }).GET(
      '/v1/auth/options',
      { cache: 'no-store' },
    )
    if (data) return data.signUp
    console.error(`[statex/web] the API answered ${response.status} to GET /v1/auth/options`)
  } catch (error) {
    console.error(
      '[statex/web] GET /v1/auth/options failed:',
      error instanceof Error ? error.message : error,
    )
  }
  return true
}
