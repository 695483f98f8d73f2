/**
 * Safe Markdown → HTML for communications written by operators (and anyone who can open a PR).
 * micromark escapes raw HTML and drops dangerous URLs (javascript:, data:, vbscript:) by default;
 * we never turn those options on. Very long input is cut so one file cannot stall the build.
 */
import { micromark } from 'micromark';

/** Longest Markdown source rendered; the rest is cut (status texts are a few paragraphs). */
export const MAX_MARKDOWN_CHARS = 50_000;

/** Renders Markdown to safe HTML: raw HTML is shown as text, unsafe link and image URLs are emptied. */
export function renderMarkdown(md: string): string {
  const source = md.length > MAX_MARKDOWN_CHARS ? `${md.slice(0, MAX_MARKDOWN_CHARS)}\n\n…` : md;
  return micromark(source, { allowDangerousHtml: false, allowDangerousProtocol: false });
}
