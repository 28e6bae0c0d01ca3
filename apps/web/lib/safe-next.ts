/** Only same-site paths may be redirect targets, so `?next=` cannot send users to another site. */
export function safeNextPath(next: string | string[] | undefined, fallback = '/dashboard'): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

/** A link to another auth page that keeps the visitor's destination (an invite link, say). */
export function keepNext(path: string, next: string): string {
  return next === '/dashboard' ? path : `${path}?next=${encodeURIComponent(next)}`;
}
