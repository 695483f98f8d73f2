/**
 * Turns a request target into a safe site path, or refuses it. Refused (→ 404): encoded dots,
 * slashes and backslashes, NUL, "." / ".." segments, empty segments ("//nl", "/a//b": a path that
 * starts with "//" is a protocol-relative URL to another host once echoed in a redirect), dotfiles
 * (except .well-known), over-long URLs.
 */

/** Longest accepted request target. */
const MAX_URL = 2048;

/** Decoded path segments of a safe request target, or null. "/a/b/" → ["a", "b", ""]. */
export function safeSegments(target: string): string[] | null {
  if (target.length > MAX_URL || !target.startsWith('/')) return null;
  const rawPath = target.split(/[?#]/, 1)[0] ?? '';
  // Encoded ".", "/", "\" and NUL have no business in our file names: they only serve traversal.
  if (/%(2e|2f|5c|00)/i.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').slice(1);
  for (const [i, segment] of segments.entries()) {
    if (segment === '' && i < segments.length - 1) return null;
    if (segment === '.' || segment === '..') return null;
    if (segment.startsWith('.') && segment !== '.well-known') return null;
  }
  return segments;
}

/**
 * The same-origin redirect target for safe segments: each segment percent-encoded, one leading
 * slash, so it can never read as "//host" or "/\\host" (both mean another origin to a browser).
 */
export function sameOriginPath(segments: readonly string[]): string {
  const path = `/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
  if (/^\/[\/\\]/.test(path)) throw new Error(`refusing to redirect to ${path}: not a same-origin path`);
  return path;
}
