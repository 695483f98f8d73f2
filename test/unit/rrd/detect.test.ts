import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/lib/rrd/detect';

const S = 'test/fixtures/rrd-samples';
const file = (path: string): Uint8Array => new Uint8Array(readFileSync(`${S}/${path}`));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('detectFormat', () => {
  it.each([
    ['rrd/gfd/calls.rrd', 'rrd'],
    ['dump/gfd-calls.xml.gz', 'gzip'],
    ['dump/pcdh-calls.xml', 'dump'],
    ['dump/gfd-calls_hw.no-header.xml', 'dump'],
    ['xport/gfd-6h-step60.xml', 'xport-xml'],
    ['graph/gfd-24h.enum.xml', 'xport-xml'],
    ['xport/gfd-6h-step60.json', 'xport-json'],
    ['graph/pitfall-gfd-24h-with-print.jsontime.json', 'xport-json'],
    ['graph/gfd-24h.csv', 'graph-csv'],
    ['graph/gfd-24h.tsv', 'graph-csv'],
    ['graph/gfd-24h.ssv', 'graph-csv'],
    ['fetch/gfd-calls-AVERAGE-24h.txt', 'fetch'],
    ['fetch/raotd-resptime-AVERAGE-1h.locale-fr_BE.txt', 'fetch'],
    ['info/gfd-calls.txt', 'unknown'],
  ])('recognises %s as %s from its content', (path, format) => {
    expect(detectFormat(file(path))).toBe(format);
  });

  it('recognises the namespaced root of a dump written with --header xsd', () => {
    const xsd = file('dump/raotd-resptime.header-xsd.xml.gz');
    expect(detectFormat(xsd)).toBe('gzip');
    const head = '<?xml version="1.0" encoding="utf-8"?>\n<!-- Round Robin Database Dump -->\n<rrd xmlns="https://oss.oetiker.ch/rrdtool/rrdtool-dump.xml">\n';
    expect(detectFormat(text(head))).toBe('dump');
    expect(detectFormat(text('<x:rrd xmlns:x="u"><version>0003</version>'))).toBe('dump');
  });

  it('ignores the file name: a gzipped xport is gzip, then xport-xml once inflated', () => {
    expect(detectFormat(new Uint8Array(gzipSync(file('xport/gfd-6h-step60.xml'))))).toBe('gzip');
  });

  it('says unknown for empty input, garbage and other XML', () => {
    expect(detectFormat(new Uint8Array())).toBe('unknown');
    expect(detectFormat(new Uint8Array([0, 1, 2, 255]))).toBe('unknown');
    expect(detectFormat(text('<html><body>502 Bad Gateway</body></html>'))).toBe('unknown');
  });

  it('recognises a fetch of an empty range (header and blank line only)', () => {
    expect(detectFormat(text('                          calls\n\n'))).toBe('fetch');
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(detectFormat(text('\uFEFF{ "meta": {} }'))).toBe('xport-json');
  });
});
