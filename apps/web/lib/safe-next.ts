/** Only same-site paths may be redirect targets, so `?next=` cannot send users to another site. */
export function safeNextPath(next: string | string[] | undefined, fallback = '/dashboard'): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}
