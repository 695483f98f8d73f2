import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/lib/config/load';

const FILE = 'data/status.yaml';

/** A minimal valid config; tests change one thing at a time. */
const base = `site:
  title: { nl: Status, fr: État }
  url: https://status.example.org
services:
  - id: gfd
    name: { nl: GFD, fr: DPP }
    metrics:
      - key: calls
        role: traffic
        files: rrd/gfd/calls.rrd
        ds: calls
`;

function errorsOf(text: string): string[] {
  const r = parseConfig(text, FILE);
  if (r.ok) throw new Error('expected the config to be rejected');
  return r.errors;
}

describe('parseConfig', () => {
  it('accepts a minimal config and fills in every default', () => {
    const r = parseConfig(base, FILE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.site.languages).toEqual(['nl', 'fr']);
    expect(r.config.site.default_language).toBe('nl');
    expect(r.config.site.time_zone).toBe('Europe/Brussels');
    expect(r.config.rules.stale_after_seconds).toBe(300);
    expect(r.config.services[0]?.metrics[0]?.unit).toBe('per_second');
    expect(r.config.services[0]?.metrics[0]?.combine).toBe('sum');
  });

  it('names file, line:column, key path, the unknown key, the likely key and the allowed keys for a typo', () => {
    const text = base.replace('        ds: calls\n', '        ds: calls\n        fiels: x\n');
    expect(errorsOf(text)).toEqual([
      'data/status.yaml:12:9: services[0].metrics[0].fiels: unknown key "fiels" — did you mean "files"? Remove it or use one of: key, role, label, files, ds, cf, combine, unit, max_rate.',
    ]);
  });

  it('lists the allowed keys without a guess when nothing is close to the unknown key', () => {
    const text = base.replace('        ds: calls\n', '        ds: calls\n        treshold: 3\n');
    expect(errorsOf(text)).toEqual([
      'data/status.yaml:12:9: services[0].metrics[0].treshold: unknown key "treshold" — remove it or use one of: key, role, label, files, ds, cf, combine, unit, max_rate.',
    ]);
  });

  it('reports a missing required key at its parent, with where to add it', () => {
    const text = base.replace('  url: https://status.example.org\n', '');
    expect(errorsOf(text)).toEqual(['data/status.yaml:1:1: site.url: missing required key "url" — add it under site.']);
  });

  it('suggests the closest allowed value for a misspelt enum value', () => {
    const text = base.replace('role: traffic', 'role: trafic');
    expect(errorsOf(text)).toEqual([
      'data/status.yaml:9:15: services[0].metrics[0].role: "trafic" is not allowed — did you mean "traffic"? Use one of: traffic, errors, latency, backlog, freshness.',
    ]);
  });

  it('tells to drop the quotes when a number is written as text', () => {
    const text = `${base}rules:\n  stale_after_seconds: "300"\n`;
    expect(errorsOf(text)).toEqual(['data/status.yaml:13:24: rules.stale_after_seconds: expected a number, got "300" — write the number without quotes.']);
  });

  it('reports an unknown language key in a text per language', () => {
    const text = base.replace('{ nl: Status, fr: État }', '{ nl: Status, fx: État }');
    expect(errorsOf(text)).toEqual(['data/status.yaml:2:24: site.title.fx: unknown key "fx" — did you mean "fr"? Use one of: nl, fr, de, en.']);
  });

  it('reports a YAML syntax error as one line with its position', () => {
    const errors = errorsOf('site:\n  title: { nl: x\nservices: []\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^data\/status\.yaml:\d+:\d+: YAML syntax error: .+ — check the indentation, the colon after the key and the quotes on this line\.$/);
  });

  it('rejects a key written twice instead of silently keeping the last one', () => {
    const errors = errorsOf(base.replace('  url: https://status.example.org\n', '  url: https://status.example.org\n  url: https://other.example.org\n'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('data/status.yaml:4:3: YAML syntax error: Map keys must be unique');
  });

  it('explains an empty file', () => {
    expect(errorsOf('')).toEqual([
      'data/status.yaml:1:1: (top level): the file is empty — start it with a "site:" and a "services:" section (see docs/configuration.md).',
    ]);
  });

  it('rejects duplicate service ids, pointing at the second one', () => {
    const second = base.slice(base.indexOf('  - id: gfd'));
    expect(errorsOf(base + second)).toEqual([
      'data/status.yaml:12:9: services[1].id: duplicate service id "gfd" (also services[0]) — give every service its own id.',
    ]);
  });

  it('rejects duplicate metric keys within a service', () => {
    const text = `${base}      - key: calls\n        role: errors\n        files: rrd/gfd/errors.rrd\n        ds: errors\n`;
    expect(errorsOf(text)).toEqual([
      'data/status.yaml:12:14: services[0].metrics[1].key: duplicate metric key "calls" in service "gfd" (also metrics[0]) — give every metric of a service its own key.',
    ]);
  });

  it('rejects a default language that is not one of the site languages', () => {
    const text = base.replace('  url: https://status.example.org\n', '  url: https://status.example.org\n  default_language: de\n');
    expect(errorsOf(text)).toEqual([
      'data/status.yaml:4:21: site.default_language: "de" is not in site.languages (nl, fr) — add it there or pick one of them.',
    ]);
  });

  it('rejects a service without a traffic or freshness metric, since it could never turn grey or red', () => {
    const text = base.replace('role: traffic', 'role: backlog');
    expect(errorsOf(text)).toEqual([
      'data/status.yaml:8:7: services[0].metrics: service "gfd" has no metric with role "traffic" or "freshness" — add one, otherwise a silent service could never turn grey or red.',
    ]);
  });

  it('rejects an unknown time zone and a schedule window that ends before it starts', () => {
    const text = base.replace(
      '  url: https://status.example.org\n',
      '  url: https://status.example.org\n  time_zone: Europe/Brussel\n  schedule:\n    - { days: [mon], from: "19:00", to: "08:00" }\n',
    );
    expect(errorsOf(text)).toEqual([
      'data/status.yaml:4:14: site.time_zone: "Europe/Brussel" is not a known IANA time zone — use a name such as "Europe/Brussels".',
      'data/status.yaml:6:41: site.schedule[0].to: "to" (08:00) must be later than "from" (19:00) — a window cannot cross midnight; split it in two: from "19:00" to "24:00", and from "00:00" to "08:00" on the next days.',
    ]);
  });

  it('accepts latency stored in seconds (collectd) and refuses a latency left at the default per-second rate unit', () => {
    const latency = (unit: string): string => `${base}      - key: p95\n        role: latency\n        files: rrd/gfd/p95.rrd\n        ds: value\n${unit}`;
    const ok = parseConfig(latency('        unit: seconds\n'), FILE);
    expect(ok.ok && ok.config.services[0]?.metrics[1]?.unit).toBe('seconds');
    expect(errorsOf(latency(''))).toEqual([
      'data/status.yaml:12:9: services[0].metrics[1].unit: a latency is a duration, but its unit is "per_second" (the default when unit: is left out) — set unit: ms, or unit: seconds when the collector stores seconds (collectd).',
    ]);
    expect(errorsOf(latency('        unit: count\n'))).toEqual([
      'data/status.yaml:16:15: services[0].metrics[1].unit: a latency is a duration, but its unit is "count" — set unit: ms, or unit: seconds when the collector stores seconds (collectd).',
    ]);
  });

  it('refuses a duration unit on a metric that counts calls or messages', () => {
    expect(errorsOf(base.replace('        ds: calls\n', '        ds: calls\n        unit: seconds\n'))).toEqual([
      'data/status.yaml:12:15: services[0].metrics[0].unit: "seconds" is a duration, but role traffic counts calls — set unit: per_second (COUNTER/DERIVE) or per_minute, or role: latency if this is a response time.',
    ]);
  });

  it('accepts a service schedule of its own (24/7, a nightly batch window) and checks its windows like the site schedule', () => {
    const own = (windows: string): string => base.replace('    name: { nl: GFD, fr: DPP }\n', `    name: { nl: GFD, fr: DPP }\n    schedule:\n${windows}`);
    const r = parseConfig(own('      - { days: [mon, tue, wed, thu, fri, sat, sun], from: "00:00", to: "24:00" }\n'), FILE);
    expect(r.ok && r.config.services[0]?.schedule).toEqual([{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '00:00', to: '24:00' }]);
    expect(r.ok && r.config.site.schedule).toHaveLength(2);
    expect(errorsOf(own('      - { days: [mon], from: "22:00", to: "06:00" }\n'))).toEqual([
      'data/status.yaml:8:43: services[0].schedule[0].to: "to" (06:00) must be later than "from" (22:00) — a window cannot cross midnight; split it in two: from "22:00" to "24:00", and from "00:00" to "06:00" on the next days.',
    ]);
    expect(errorsOf(own('      - { days: [mon], from: "22:00", to: "24:30" }\n'))).toEqual([
      'data/status.yaml:8:43: services[0].schedule[0].to: "24:30" is not valid — use a 24-hour time such as "08:00" ("24:00" for midnight at the end of a day).',
    ]);
  });

  it('rejects a glob that leaves the data directory', () => {
    const text = base.replace('files: rrd/gfd/calls.rrd', 'files: ../secret/*.rrd');
    expect(errorsOf(text)).toEqual([
      'data/status.yaml:10:16: services[0].metrics[0].files: "../secret/*.rrd" leaves the data directory — write the glob relative to it, e.g. "rrd/gfd/calls.rrd".',
    ]);
  });

  it('reports several problems, one line each, in file order', () => {
    const text = base.replace('role: traffic', 'role: trafic').replace('url: https://status.example.org', 'url: status');
    const errors = errorsOf(text);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^data\/status\.yaml:3:8: site\.url: "status" is not a valid URL — /);
    expect(errors[1]).toMatch(/^data\/status\.yaml:9:15: services\[0\]\.metrics\[0\]\.role: /);
    for (const e of errors) expect(e).not.toContain('\n');
  });

  it('accepts the sample data/status.yaml', () => {
    const r = parseConfig(readFileSync('data/status.yaml', 'utf8'), FILE);
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (r.ok) expect(r.config.services.map((s) => s.id)).toEqual(['gfd', 'pcdh', 'raotd', 'assurpharma']);
  });
});
