import { describe, expect, it } from 'vitest';
import { MAX_TEXT_BYTES, readRrdBytes } from '../../../src/lib/rrd/read';
import { RrdReadError, type Series } from '../../../src/lib/rrd/series';
import { MAX_LINE_CHARS } from '../../../src/lib/rrd/text/lines';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Reads `bytes` and returns the series or the error, with the memory the read took at its peak (approximately: RSS after). */
function bounded(bytes: Uint8Array): { result: Series | RrdReadError; grewMb: number; ms: number } {
  const before = process.memoryUsage();
  const t0 = performance.now();
  let result: Series | RrdReadError;
  try {
    result = readRrdBytes(bytes, 'hostile');
  } catch (error) {
    if (!(error instanceof RrdReadError)) throw error;
    result = error;
  }
  const after = process.memoryUsage();
  const grew = Math.max(after.rss - before.rss, after.arrayBuffers - before.arrayBuffers);
  return { result, grewMb: grew / 2 ** 20, ms: performance.now() - t0 };
}

const xportXml = (meta: string, rows: string): string =>
  `<?xml version="1.0" encoding="ISO-8859-1"?>\n<xport>\n<meta>\n<start>1762180200</start>\n<step>60</step>\n<end>1762266600</end>\n${meta}<legend>\n<entry>calls</entry>\n</legend>\n</meta>\n<data>\n${rows}</data>\n</xport>\n`;

describe('every reader bounds its work by the real size of the file', () => {
  it('refuses an xport XML announcing 100,000,000 columns in 160 KB before allocating them', () => {
    const text = xportXml('<rows>1</rows>\n<columns>100000000</columns>\n', '<row><t>1762180260</t><v>1</v></row>\n'.repeat(4400));
    expect(text.length).toBeGreaterThan(150_000);
    const r = bounded(enc(text));
    expect(r.result).toBeInstanceOf(RrdReadError);
    expect((r.result as Error).message).toMatch(/^hostile: looks like xport-xml at line \d+: <columns> announces 100000000 columns, more than the \d+ bytes of <data> can hold/);
    expect(r.grewMb).toBeLessThan(100);
  });

  it('reads an xport XML announcing 16,777,216 rows × 200 columns as the rows it really has', () => {
    const row = `<row><t>1762180260</t>${'<v>1</v>'.repeat(200)}</row>\n`;
    const r = bounded(enc(xportXml('<rows>16777216</rows>\n<columns>200</columns>\n', row)));
    expect(r.result).not.toBeInstanceOf(RrdReadError);
    const s = r.result as Series;
    expect(s.timestamps.length).toBe(1);
    expect(s.values.length).toBe(200);
    expect(s.meta.quirks).toContain('meta announces 16777216 rows but the file has 1');
    expect(r.grewMb).toBeLessThan(100);
  });

  it('reads a 6 KB xport JSON claiming start 0, end 1e12, step 1 without allocating for 1e12 rows', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `[ ${i + 1} ]`).join(',\n');
    const text = `{ "about": "RRDtool graph JSON output",\n  "meta": { "start": 0, "end": 1000000000000, "step": 1, "legend": [ "calls" ] },\n  "data": [\n${rows}\n] }\n`;
    expect(text.length).toBeLessThan(6200);
    const r = bounded(enc(text));
    expect(r.result).not.toBeInstanceOf(RrdReadError);
    expect((r.result as Series).timestamps.length).toBe(300);
    expect(r.grewMb).toBeLessThan(50);
  });

  it('refuses a JSON export whose single row holds more columns than the per-file budget allows', () => {
    const wide = `{ "meta": { "start": 1762180260, "step": 60 },\n  "data": [\n[ ${'1,'.repeat(3_000_000)}1 ]\n] }\n`;
    const r = bounded(enc(wide));
    expect(r.result).toBeInstanceOf(RrdReadError);
    expect((r.result as Error).message).toMatch(/over the per-file budget of 256 MB; export a shorter window/);
  });

  it('refuses a line longer than the line formats allow, naming its line', () => {
    const csv = `"time","calls"\r\n1762180260,"1"\r\n1762180320,"${'9'.repeat(MAX_LINE_CHARS + 1)}"\r\n`;
    const r = bounded(enc(csv));
    expect((r.result as Error).message).toMatch(/^hostile: looks like graph-csv at line 3: the line is \d+ characters long, more than the 1048576/);
  });

  it('treats deep nesting as a bad row, not as recursion', () => {
    const nested = `{ "meta": { "start": 1762180260, "step": 60, "legend": [ "calls" ] },\n  "data": [\n${'['.repeat(100_000)}1${']'.repeat(100_000)}\n] }\n`;
    const r = bounded(enc(nested));
    expect(r.result).toBeInstanceOf(RrdReadError);
    expect((r.result as Error).message).toMatch(/expected a number or null in row 1/);
    const xml = xportXml('<columns>1</columns>\n', `${'<row>'.repeat(50_000)}<v>1</v>${'</row>'.repeat(50_000)}`);
    expect(bounded(enc(xml)).result).toBeInstanceOf(RrdReadError);
  });

  it('refuses a gzip bomb with its own words', async () => {
    const { gzipSync } = await import('node:zlib');
    // Gzip members concatenated unpack as one stream: 17 × 16 MB of spaces from ~270 KB.
    const member = gzipSync(Buffer.alloc(16 * 2 ** 20, 0x20));
    const bomb = Buffer.concat(Array.from({ length: MAX_TEXT_BYTES / (16 * 2 ** 20) + 1 }, () => member));
    const r = bounded(new Uint8Array(bomb));
    expect((r.result as Error).message).toBe(
      'hostile: unrecognised input at byte 0: it unpacks to more than 256 MB; export a shorter window, or give the binary .rrd instead of its dump',
    );
  });
});
