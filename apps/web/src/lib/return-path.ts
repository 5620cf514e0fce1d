/** Only paths on this site, so a crafted sign-in link cannot send someone elsewhere afterwards. */
export function safeReturnPath(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
    ? value
    : '/posts'
}
