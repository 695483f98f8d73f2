/**
 * Public files carry aggregates only. Builds the site (shared harness build of the sample
 * snapshot) and scans EVERY file under dist/client for the internal names of the sample config
 * (data/status.yaml): RRD paths and globs, RRD file names, data-source names, and for paths of
 * the build machine.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, ROOT } from '../browser/harness';

interface Metric {
  files: string | string[];
  ds: string;
}

/** Internal names from the config: every file glob, every RRD file name, every distinctive DS name. */
function internalNames(): string[] {
  const config = parse(readFileSync(join(ROOT, 'data/status.yaml'), 'utf8')) as { services: Array<{ metrics: Metric[] }> };
  const names = new Set<string>();
  for (const service of config.services) {
    for (const metric of service.metrics) {
      for (const file of [metric.files].flat()) {
        names.add(file);
        if (!file.includes('*')) names.add(basename(file));
      }
      // Plain words ("calls", "errors") are also everyday labels; names with _ - or digits are internal.
      if (/[_\-0-9]/.test(metric.ds)) names.add(metric.ds);
    }
  }
  return [...names];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

let client: string;
let files: string[];

beforeAll(async () => {
  client = join(await buildSite(), 'client');
  files = walk(client);
});

describe('published files', () => {
  it('takes its internal names from the sample config', () => {
    const names = internalNames();
    expect(names).toEqual(expect.arrayContaining(['calls.rrd', 'rrd/gfd/calls.rrd', 'p95-ms', 'calls_per_min', 'queue_depth']));
  });

  it('include the API, badges, feeds, calendars and embed files that the scan must cover', () => {
    const rel = files.map((f) => relative(client, f));
    expect(rel).toEqual(
      expect.arrayContaining(['api/v2/summary.json', 'badge.svg', 'nl/feed.xml', 'nl/maintenance.ics', 'embed.js', 'nl/status-button/index.html', 'nl/index.html']),
    );
  });

  it('contain no RRD path, RRD file name or data-source name, and no path of the build machine', () => {
    const needles = [...internalNames(), '.rrd', ROOT];
    const leaks: string[] = [];
    for (const file of files) {
      const text = readFileSync(file).toString('latin1');
      for (const needle of needles) {
        if (text.includes(needle)) leaks.push(`${relative(client, file)}: ${needle}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
