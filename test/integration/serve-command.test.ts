/**
 * `npm run serve -- DIR` as a process: a served build's live routes come from that build's own
 * snapshot.json, so its API agrees with its pages, unless --snapshot names another file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEVEL_LABELS } from '../../src/lib/api/labels';
import { buildSite, ROOT, SAMPLE_SNAPSHOT } from '../browser/harness';
import { raw } from './server-helpers';

const sample = JSON.parse(readFileSync(SAMPLE_SNAPSHOT, 'utf8'));
const withOverall = (level: string) => JSON.stringify({ ...sample, valid_until: '2999-01-01T00:00:00+01:00', overall: { level, score: 10, reason: { nl: level } } });
let dir: string;
const children: ChildProcess[] = [];

/** Starts scripts/serve.ts with `args` on a free port; resolves with its URL from the start line. */
function serve(args: string[]): Promise<{ url: string; line: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/serve.ts'), ...args], { cwd: ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = / on (http:\/\/\S+)/.exec(out);
      if (m) done({ url: m[1]!, line: out.trim() });
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${out}`)));
  });
}

const indicator = async (url: string) => JSON.parse((await raw(url, '/api/v2/status.json')).body.toString()).status.indicator;

beforeAll(async () => {
  const build = await buildSite();
  dir = mkdtempSync(join(tmpdir(), 'fluxstatus-serve-dir-'));
  cpSync(join(build, 'client'), join(dir, 'build/client'), { recursive: true });
  writeFileSync(join(dir, 'build/snapshot.json'), withOverall('major_outage'));
  writeFileSync(join(dir, 'other.json'), withOverall('degraded'));
});

afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run serve -- DIR', () => {
  it("answers status.json, summary.json and the badges from DIR's own snapshot.json", async () => {
    const { url, line } = await serve([join(dir, 'build')]);
    expect(line).toContain(`live routes from ${join(dir, 'build')}/snapshot.json`);
    expect(await indicator(url)).toBe('critical');
    const summary = JSON.parse((await raw(url, '/api/v2/summary.json')).body.toString());
    expect(summary.status.indicator).toBe('critical');
    expect((await raw(url, '/badge.svg')).body.toString()).toContain(LEVEL_LABELS.major_outage.nl);
  });

  it('answers the same from two worker processes (--workers 2), and every worker sees a new snapshot', async () => {
    const own = join(dir, 'build/snapshot.json');
    const { url, line } = await serve([join(dir, 'build'), '--workers', '2']);
    expect(line).toContain('2 workers');
    expect(await indicator(url)).toBe('critical');
    writeFileSync(`${own}.tmp`, withOverall('operational'));
    renameSync(`${own}.tmp`, own);
    // Fresh connections land on either worker: each must answer from the new file.
    for (let i = 0; i < 6; i++) expect(await indicator(url)).toBe('none');
    writeFileSync(own, withOverall('major_outage'));
  });

  it('exits 1 with one line when the port is taken, instead of restarting workers forever', async () => {
    const { url } = await serve([join(dir, 'build')]);
    const port = new URL(url).port;
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/serve.ts'), join(dir, 'build'), '--workers', '2'], { cwd: ROOT, env: { ...process.env, PORT: port, HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
    expect(code).toBe(1);
    expect(err).toContain(`fluxstatus serve: cannot listen on 127.0.0.1:${port}`);
    expect(err).not.toContain('    at ');
  });

  it('answers them from the file --snapshot names instead', async () => {
    const { url } = await serve([join(dir, 'build'), '--snapshot', join(dir, 'other.json')]);
    expect(await indicator(url)).toBe('minor');
  });
});
