/**
 * Text for feeds, escaped by construction: what goes into an XML document can never break it
 * (characters XML 1.0 forbids are dropped; the serializer escapes the rest), and plain text put
 * into a field that readers render as HTML is HTML-escaped first.
 */

/** Characters XML 1.0 does not allow anywhere (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text without the characters that would make an XML document invalid. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Plain text as HTML that shows exactly that text (for fields typed as HTML, such as RSS descriptions). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
