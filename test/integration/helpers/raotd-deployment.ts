/**
 * A small deployment for cycle tests: the sample's RaOTD RRDs (it has incidents, so the ledger gets
 * entries), a config holding only that service, and a prebuilt site with the key files that a
 * cycle copies in place of the Astro build (cheap, so faults and kills can be repeated).
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { REQUIRED_FILES } from '../../../scripts/lib/publish';

/** Lays the deployment out in `dir` (data/, status.yaml, prebuilt/) and returns the prebuilt site's path. */
export async function raotdDeployment(dir: string): Promise<string> {
  await cp(resolve('data/rrd/raotd'), join(dir, 'data/rrd/raotd'), { recursive: true });
  const config = parse(await readFile(resolve('data/status.yaml'), 'utf8')) as { services: { id: string }[] };
  config.services = config.services.filter((s) => s.id === 'raotd');
  await writeFile(join(dir, 'status.yaml'), stringify(config));
  const site = join(dir, 'prebuilt');
  for (const f of REQUIRED_FILES) {
    await mkdir(join(site, f, '..'), { recursive: true });
    await writeFile(join(site, f), `<p>${f}</p>`);
  }
  return site;
}
