import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/lib/config/load';
import { siteUrlProblem } from '../../../src/lib/site-url';

const FILE = 'data/status.yaml';
const config = (url: string) => `site:
  title: { nl: Status, fr: État }
  url: ${JSON.stringify(url)}
services:
  - id: gfd
    name: { nl: GFD, fr: DPP }
    metrics:
      - key: calls
        role: traffic
        files: rrd/gfd/calls.rrd
        ds: calls
`;

function errorOf(url: string): string {
  const r = parseConfig(config(url), FILE);
  if (r.ok) throw new Error(`expected ${url} to be rejected`);
  expect(r.errors).toHaveLength(1);
  return r.errors[0]!;
}

describe('site.url', () => {
  it.each(['https://status.example.org', 'https://status.example.org/', 'http://127.0.0.1:4321', 'https://example.org/status/', 'https://xn--pharmaci-e1a.be/%C3%A9'])(
    'accepts the absolute http(s) URL %s',
    (url) => {
      expect(siteUrlProblem(url)).toBeNull();
      expect(parseConfig(config(url), FILE).ok).toBe(true);
    },
  );

  it.each([
    ['https://status.example.org/"><script>alert(1)</script>', 'contains characters a URL cannot hold raw'],
    ['https://status.example.org/<x', 'contains characters a URL cannot hold raw'],
    ['https://status.example.org/a b', 'contains characters a URL cannot hold raw'],
    ['https://status.example.org\\evil', 'contains characters a URL cannot hold raw'],
    ['https://pharmacié.be', 'contains characters a URL cannot hold raw'],
    ['https://status.example.org/%zz', 'contains characters a URL cannot hold raw'],
    ['status.example.org', 'is not a valid URL'],
    ['//status.example.org', 'is not a valid URL'],
    ['javascript:alert(1)', 'uses javascript:'],
    ['ftp://status.example.org', 'uses ftp:'],
    ['https://user:secret@status.example.org', 'contains a user name or password'],
    ['https://status.example.org/?a=1', 'has a ?query or #fragment'],
    ['https://status.example.org/#top', 'has a ?query or #fragment'],
  ])('rejects %s with one line naming file:line:col, the key, the problem and the fix', (url, problem) => {
    const line = errorOf(url);
    expect(line.startsWith(`${FILE}:3:8: site.url: `)).toBe(true);
    expect(line).toContain(problem);
    expect(line).toMatch(/ — (write|remove)/);
    expect(line).not.toContain('\n');
  });
});
