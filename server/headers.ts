/**
 * Response headers: caching, security and CORS. One policy for the whole site, with two
 * exceptions decided by path: hashed /_astro/ assets are immutable, and the status-button page
 * (the iframe embed) may be framed by any site.
 */
import { createHash } from 'node:crypto';

/** Hashed build assets: their name changes with their content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages, API files, badges, feeds: rebuilt every minute. */
export const SHORT = 'public, max-age=30, stale-while-revalidate=60';
/** Live routes: the freshest answer, briefly reusable. */
export const LIVE = 'public, max-age=10, stale-while-revalidate=30';
/** Not-found answers. */
export const NOT_FOUND = 'public, max-age=10';

/** True for the iframe embed page, /<lang>/status-button/ (the only page other sites may frame). */
export function isFramable(pathname: string): boolean {
  return /^\/[a-z]{2}\/status-button\/(index\.html)?$/.test(pathname);
}

/** Cache-Control for a path. */
export function cacheControl(pathname: string): string {
  return pathname.startsWith('/_astro/') ? IMMUTABLE : SHORT;
}

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

/** CSP sources for the inline scripts of an HTML document ('sha256-…'), so no 'unsafe-inline' is needed. */
export function inlineScriptHashes(html: string): string[] {
  const out = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const body = match[1] ?? '';
    if (body.trim() === '') continue;
    out.add(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  }
  return [...out];
}

/** Content-Security-Policy of an HTML page (no unsafe-eval, no inline script without its hash). */
export function htmlCsp(pathname: string, scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self'${scriptHashes.length > 0 ? ` ${scriptHashes.join(' ')}` : ''}`,
    // Inline style attributes (chart sizes, bar widths) need this; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${isFramable(pathname) ? '*' : "'none'"}`,
  ].join('; ');
}

/** CSP for everything that is not HTML (JSON, SVG, feeds): nothing may load or run. */
export const DATA_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** Security and CORS headers for a response of `type` at `pathname`. */
export function securityHeaders(pathname: string, type: string, csp: string): Record<string, string> {
  const html = type.startsWith('text/html');
  const headers: Record<string, string> = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  };
  if (html) {
    if (!isFramable(pathname)) headers['X-Frame-Options'] = 'DENY';
    headers['Cross-Origin-Opener-Policy'] = 'same-origin';
  } else {
    // JSON, badges, feeds, calendars and the embed script are public data meant for other sites.
    headers['Access-Control-Allow-Origin'] = '*';
    headers['Cross-Origin-Resource-Policy'] = 'cross-origin';
  }
  return headers;
}
