/**
 * `npm run serve -- DIR` as a process: a served build's live routes come from that build's own
 * snapshot.json, so its API agrees with its pages, unless --snapshot names another file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../server/index';
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

/** The inode of the socket listening on 127.0.0.1:port (/proc/net/tcp, state 0A). */
function listeningInode(port: number): string {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const row = readFileSync('/proc/net/tcp', 'utf8').split('\n').find((l) => l.includes(`:${hex} `) && l.trim().split(/\s+/)[3] === '0A');
  return row?.trim().split(/\s+/)[9] ?? 'none';
}
/** Child processes of `pid`. */
const workersOf = (pid: number) => readdirSync('/proc').filter((p) => /^\d+$/.test(p) && statField(p, 1) === String(pid)).map(Number);
function statField(pid: string, index: number): string | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[index];
  } catch {
    return undefined;
  }
}
/** How many of `pid`'s file descriptors are the socket `inode`. */
const socketCopies = (pid: number, inode: string) => readdirSync(`/proc/${pid}/fd`).filter((fd) => {
  try {
    return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
  } catch {
    return false;
  }
}).length;

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

  it('lets every worker accept on LIMITS.acceptHandles copies of the socket and answers a burst of new connections', async () => {
    const { url } = await serve([join(dir, 'build'), '--workers', '2']);
    const primary = children.at(-1)!.pid!;
    const port = Number(new URL(url).port);
    const copies = () => workersOf(primary).map((pid) => socketCopies(pid, listeningInode(port)));
    for (let i = 0; i < 50 && !copies().every((n) => n === LIMITS.acceptHandles); i++) await new Promise((r) => setTimeout(r, 100));
    expect(copies()).toEqual([LIMITS.acceptHandles, LIMITS.acceptHandles]);
    // 200 fresh connections at once, each answered.
    const answers = await Promise.all(Array.from({ length: 200 }, () => raw(url, '/api/v2/status.json')));
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(200));
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
