/**
 * The site's public URL (site.url): an absolute http(s) URL written with URL characters only, so
 * it can be put into any attribute, feed or embed code once serialized by the URL API, and never
 * carries a quote, an angle bracket or a space into a page. Shared by the config and the snapshot.
 */
import { z } from 'astro/zod';

/** Characters RFC 3986 allows raw in a URL (unreserved, reserved and "%"). */
const URL_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const EXAMPLE = 'https://status.example.org';

/** Why `value` is not a usable site URL ("problem — fix"), or null when it is one. */
export function siteUrlProblem(value: string): string | null {
  const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
  if (!URL_CHARS.test(value) || /%(?![0-9A-Fa-f]{2})/.test(value)) {
    return `${shown} contains characters a URL cannot hold raw (quotes, spaces, <, >, \\, non-ASCII letters…) — write a plain address such as ${EXAMPLE}, percent-encoding anything else (%22 for ").`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${shown} is not a valid URL — write the full public address, such as ${EXAMPLE}.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `${shown} uses ${url.protocol} — write an http:// or https:// address, such as ${EXAMPLE}.`;
  }
  if (url.hostname === '') return `${shown} has no host name — write the full public address, such as ${EXAMPLE}.`;
  if (url.username !== '' || url.password !== '') {
    return `${shown} contains a user name or password — remove them: the URL is published on every page.`;
  }
  if (url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) {
    return `${shown} has a ?query or #fragment — remove it and write only the address, such as ${EXAMPLE}.`;
  }
  return null;
}

/** site.url: an absolute http(s) URL without credentials, query or fragment, in URL characters only. */
export const SiteUrlSchema = z
  .string()
  .url()
  .superRefine((value, ctx) => {
    // Not a URL at all: .url() has said so already, in one line.
    if (!URL.canParse(value)) return;
    const problem = siteUrlProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });
