/** Only same-site paths may be used as a post-login redirect ("/x", never "//host" or "https://..."). */
export function safeNext(next: string | null | undefined, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  return next;
}
