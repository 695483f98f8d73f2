/**
 * Turns a request target into a safe site path, or refuses it. Refused (→ 404): encoded dots,
 * slashes and backslashes, NUL, "." / ".." segments, dotfiles (except .well-known), over-long URLs.
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
  for (const segment of segments) {
    if (segment === '.' || segment === '..') return null;
    if (segment.startsWith('.') && segment !== '.well-known') return null;
  }
  return segments;
}
