/**
 * Post-login redirects (`?next=`) may only go to a path on this site. Anything else falls back.
 *
 * Browsers forgive a lot when they parse a URL: they drop tabs and newlines (`/\t/evil.example` becomes
 * `//evil.example`), read `\` as `/`, and treat `//host` as another site. So instead of looking for bad
 * patterns, a value is accepted only when all of these hold:
 *  - it is plain printable ASCII from the URL character set (no spaces, tabs, control characters, `\`);
 *  - it starts with exactly one `/` (not `//`, not `/\`), also after percent-decoding (`/%2F%2Fevil`,
 *    `%2F%2Fevil`), and decoding reveals no `\` or control character either;
 *  - resolved by the URL parser against this site, it stays on this site.
 * What is returned is the parser's own path + query + fragment, so the browser follows exactly what was
 * checked. The login and registration pages themselves are never a destination (no loops).
 */

/** RFC 3986 unreserved, sub-delims, ":", "@", "/", "?", "#" and "%" for escapes: nothing else. */
const URL_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]*$/;
const ORIGIN = 'https://same-origin.invalid';
const MAX_LENGTH = 2048;
const NO_RETURN = ['/login/', '/register/'];

function decodedFully(value: string): string | null {
  let current = value;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null; // a malformed escape: refuse rather than guess how a browser reads it
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

const startsWithOneSlash = (path: string) => path.startsWith('/') && path[1] !== '/' && path[1] !== '\\';

export function safeNext(next: string | null | undefined, fallback: string): string {
  if (typeof next !== 'string' || next === '' || next.length > MAX_LENGTH) return fallback;
  if (!URL_CHARS.test(next) || !startsWithOneSlash(next)) return fallback;
  const decoded = decodedFully(next);
  // eslint-disable-next-line no-control-regex
  if (decoded === null || !startsWithOneSlash(decoded) || /[\\\u0000-\u001f\u007f-\u009f\s]/.test(decoded.split(/[?#]/)[0]))
    return fallback;
  let url: URL;
  try {
    url = new URL(next, `${ORIGIN}/`);
  } catch {
    return fallback;
  }
  // "/./" and "/a/../" segments collapse: "/.//evil" would come out as "//evil", another site
  if (url.origin !== ORIGIN || url.username || url.password || !startsWithOneSlash(url.pathname)) return fallback;
  if (NO_RETURN.includes(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
