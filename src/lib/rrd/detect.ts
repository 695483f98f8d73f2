/**
 * Format detection from content, never from the file name (exports get renamed, `.xml` may be a dump
 * or an xport, `.gz` may hold anything).
 */
import type { SourceFormat } from './series';

/** How many leading bytes detection looks at. */
const HEAD = 4096;

/** The format of `bytes` judged from their first bytes: binary .rrd, gzip, dump or xport XML, JSON, CSV, fetch text. */
export function detectFormat(bytes: Uint8Array): SourceFormat | 'gzip' | 'unknown' {
  if (bytes[0] === 0x52 && bytes[1] === 0x52 && bytes[2] === 0x44 && bytes[3] === 0) return 'rrd'; // "RRD\0"
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  let head = '';
  const end = Math.min(bytes.length, HEAD);
  for (let i = 0; i < end; i++) head += String.fromCharCode(bytes[i] as number);
  if (head.charCodeAt(0) === 0xef && head.charCodeAt(1) === 0xbb && head.charCodeAt(2) === 0xbf) head = head.slice(3); // UTF-8 BOM
  const text = head.trimStart();
  if (text.startsWith('<')) return xmlRoot(text);
  if (text.startsWith('{')) return 'xport-json';
  // graph CSV/TSV/SSV: a quoted "time" header (unquoted too, for hand-made files).
  if (/^"?time"?[,;\t]/i.test(text)) return 'graph-csv';
  // fetch: spaces + DS names, a blank line, then `digits:` rows (or nothing: an empty range).
  if (/^[ \t]*[A-Za-z0-9_-]{1,19}(?:[ \t]+[A-Za-z0-9_-]{1,19})*[ \t]*\r?\n[ \t]*\r?\n(?:\s*\d+:|\s*$)/.test(head)) return 'fetch';
  return 'unknown';
}

/** xport or dump by the name of the root element, after the XML declaration, DOCTYPE and comments. */
function xmlRoot(text: string): SourceFormat | 'unknown' {
  let p = 0;
  for (;;) {
    const lt = text.indexOf('<', p);
    if (lt < 0) return 'unknown';
    if (text.startsWith('<?', lt)) p = skipTo(text, '?>', lt);
    else if (text.startsWith('<!--', lt)) p = skipTo(text, '-->', lt);
    else if (text.startsWith('<!', lt)) p = skipTo(text, '>', lt);
    else {
      // `<rrd>`, `<rrd xmlns=…>` (dump --header xsd) or a prefixed `<x:rrd …>`.
      const name = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text.slice(lt, lt + 64))?.[2];
      if (name === 'xport') return 'xport-xml';
      if (name === 'rrd') return 'dump';
      return 'unknown';
    }
    if (p < 0) return 'unknown';
  }
}

function skipTo(text: string, marker: string, from: number): number {
  const at = text.indexOf(marker, from);
  return at < 0 ? -1 : at + marker.length;
}
