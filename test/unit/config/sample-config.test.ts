import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/lib/config/load';

const FIXTURES = 'test/fixtures/rrd-samples';
const parsed = parseConfig(readFileSync('data/status.yaml', 'utf8'), 'data/status.yaml');
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const config = parsed.config;

/** DS types per file, from the `rrdtool info` output stored with the sample corpus. */
function dsTypes(service: string, file: string): Map<string, string> {
  const text = readFileSync(`${FIXTURES}/info/${service}-${basename(file, '.rrd')}.txt`, 'utf8');
  return new Map([...text.matchAll(/^ds\[([^\]]+)\]\.type = "(\w+)"$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

describe('the sample data/status.yaml', () => {
  it('starts with the yaml-language-server line that points editors to the JSON Schema', () => {
    expect(readFileSync('data/status.yaml', 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/status.schema.json');
  });

  it('publishes the FarmaFlux site in Dutch and French', () => {
    expect(config.site.url).toBe('https://status.farmaflux.be');
    expect(config.site.languages).toEqual(['nl', 'fr']);
    for (const s of config.services) {
      expect(s.name.nl, s.id).toBeTruthy();
      expect(s.name.fr, s.id).toBeTruthy();
    }
  });

  for (const dataDir of ['data', FIXTURES]) {
    it(`matches every metric to existing files in ${dataDir}, each file at most once per data source`, () => {
      for (const service of config.services) {
        const seen = new Set<string>();
        for (const metric of service.metrics) {
          const globs = typeof metric.files === 'string' ? [metric.files] : metric.files;
          const files = globSync(globs, { cwd: dataDir });
          expect(files.length, `${service.id}.${metric.key}`).toBeGreaterThan(0);
          for (const f of files) {
            const id = `${f}#${metric.ds}`;
            expect(seen.has(id), `${id} counted twice`).toBe(false);
            seen.add(id);
          }
        }
      }
    });
  }

  it('never reads the Holt-Winters copy of the GFD counter (it would double the calls)', () => {
    const files = config.services.flatMap((s) => s.metrics.flatMap((m) => globSync(typeof m.files === 'string' ? [m.files] : m.files, { cwd: FIXTURES })));
    expect(files.some((f) => f.includes('calls_hw'))).toBe(false);
  });

  it('names data sources that exist in the files, with a unit that fits their type', () => {
    for (const service of config.services) {
      for (const metric of service.metrics) {
        const file = typeof metric.files === 'string' ? metric.files : (metric.files[0] ?? '');
        const type = dsTypes(service.id, file).get(metric.ds);
        expect(type, `${service.id}.${metric.key}: ${metric.ds} in ${file}`).toBeDefined();
        // COUNTER and DERIVE are stored per second; only a GAUGE can be per minute, ms or a count.
        if (type === 'COUNTER' || type === 'DERIVE') expect(metric.unit, `${service.id}.${metric.key}`).toBe('per_second');
        else expect(metric.unit, `${service.id}.${metric.key}`).not.toBe('per_second');
      }
    }
  });

  it('reads the RaOTD queue as a backlog counted in messages', () => {
    const queue = config.services.find((s) => s.id === 'raotd')?.metrics.find((m) => m.ds === 'queue_depth');
    expect(queue).toMatchObject({ role: 'backlog', unit: 'count' });
  });
});
