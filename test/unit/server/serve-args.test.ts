import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../server/serve-args';

const existing = (...paths: string[]) => (p: string) => paths.includes(p);

describe('npm run serve -- DIR', () => {
  it("answers the live routes from DIR's own snapshot.json", () => {
    const args = parseServeArgs(['builds/b1'], {}, existing('builds/b1', 'builds/b1/snapshot.json'), 2);
    expect(args).toMatchObject({ siteDir: 'builds/b1', snapshotPath: 'builds/b1/snapshot.json', snapshotFrom: 'build', workers: 1 });
  });

  it('answers them from --snapshot when it is given, wherever it is written', () => {
    const a = parseServeArgs(['--snapshot', 'state/snapshot.json', 'builds/b1'], {}, existing('builds/b1', 'builds/b1/snapshot.json'), 2);
    expect(a).toMatchObject({ siteDir: 'builds/b1', snapshotPath: 'state/snapshot.json', snapshotFrom: 'option' });
  });

  it("never falls back to the checkout's .fluxstatus/snapshot.json or $FLUXSTATUS_SNAPSHOT (the build's input)", () => {
    const a = parseServeArgs(['dist'], { FLUXSTATUS_SNAPSHOT: '.fluxstatus/snapshot.json' }, existing('dist', '.fluxstatus/snapshot.json'), 2);
    expect(a).toMatchObject({ siteDir: 'dist', snapshotPath: undefined, snapshotFrom: 'none' });
  });

  it('takes the number of workers from --workers (auto = the cores) or $FLUXSTATUS_WORKERS', () => {
    expect(parseServeArgs(['dist', '--workers', 'auto'], {}, existing('dist'), 4)).toMatchObject({ workers: 4 });
    expect(parseServeArgs(['dist'], { FLUXSTATUS_WORKERS: '3' }, existing('dist'), 4)).toMatchObject({ workers: 3 });
  });

  it('answers --help and -h with the usage instead of serving', () => {
    expect(parseServeArgs(['--help'], {}, existing('dist'), 2)).toEqual({ help: true });
    expect(parseServeArgs(['dist', '-h'], {}, existing('dist'), 2)).toEqual({ help: true });
  });

  it.each([
    [['nope'], {}, 'fluxstatus serve: nope: no such directory — build the site first'],
    [['dist', '--snapshot'], {}, 'fluxstatus serve: --snapshot needs a value; see --help'],
    [['dist', '--snap', 'x'], {}, 'fluxstatus serve: unknown option --snap; see --help'],
    [['dist', 'other'], {}, 'fluxstatus serve: more than one directory (dist, other)'],
    [['dist', '--snapshot', '--workers', '2'], {}, 'fluxstatus serve: --snapshot needs a value; see --help'],
    [['dist', '--workers', '0'], {}, 'fluxstatus serve: --workers 0: not a number of processes — use 1..64 or auto'],
    [['dist'], { PORT: 'http' }, 'fluxstatus serve: PORT=http: not a port number — use 0..65535'],
  ])('refuses %j with one line that says what to do', (argv, env, start) => {
    const out = parseServeArgs(argv, env, existing('dist', 'other'), 2);
    expect(typeof out).toBe('string');
    expect(out as string).toContain(start);
    expect(out as string).not.toContain('\n');
  });
});
