/** Graph's rate-limit usage headers as Meta sends them on answers. */
/**
 * `X-Business-Use-Case-Usage` as Meta sends it; `estimated_time_to_regain_access` is in whole
 * minutes, so a wait of seconds rounds up.
 */
export function usageHeader(businessId: string, type: string, retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60)
  return JSON.stringify({
    [businessId]: [
      {
        type,
        call_count: minutes > 0 ? 100 : 12,
        total_cputime: minutes > 0 ? 100 : 4,
        total_time: minutes > 0 ? 100 : 5,
        estimated_time_to_regain_access: minutes,
      },
    ],
  })
}

/**
 * `X-App-Usage` as Meta sends it on app-token and Page calls: percentages of the app's hourly
 * budget used so far. The default is a quiet app, far from its limit.
 */
export function appUsageHeader(percent = 1): string {
  return JSON.stringify({ call_count: percent, total_cputime: percent, total_time: percent })
}
