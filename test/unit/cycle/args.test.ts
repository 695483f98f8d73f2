import { describe, expect, it } from 'vitest';
import { parseCli, parseNow, usage, type Command } from '../../../src/lib/cycle/args';

const WALL = Date.UTC(2026, 11, 1, 22, 0, 0);
const parse = (command: Command, argv: string[], env: Record<string, string> = {}) => parseCli(command, argv, env, WALL);

describe('parseCli (one parser for reduce, check, build and start)', () => {
  it('defaults to the bundled config and data, the live clock read by the caller, and .fluxstatus', () => {
    expect(parse('build', [])).toEqual({
      ok: true,
      args: {
        config: 'data/status.yaml',
        data: 'data',
        now: { nowMs: WALL, replay: false },
        state: '.fluxstatus',
        useState: true,
        out: null,
        report: null,
        ledger: null,
        newLedger: false,
        check: false,
        webhook: null,
        keep: 3,
        intervalSeconds: 60,
        freshTemplate: false,
      },
    });
  });

  it('reads --now as a replayed instant with its offset', () => {
    const r = parse('reduce', ['--now', '2025-11-04T15:30:00+01:00']);
    expect(r.ok && r.args.now).toEqual({ nowMs: Date.UTC(2025, 10, 4, 14, 30), replay: true });
  });

  it.each(['reduce', 'check', 'build', 'start'] as const)('accepts --now latest, --now=live and the same options for %s', (command) => {
    expect(parse(command, ['--now=latest', '--out=dist']).ok && (parse(command, ['--now=latest']) as { args: { now: unknown } }).args.now).toBe('latest');
    const r = parse(command, ['--now', 'latest', '--now', 'live', '--config', 'c.yaml', '--data', 'd', '--state', 's', '--no-state', '--ledger', 'l.json', '--new-ledger', '--report', 'r.json']);
    expect(r.ok && r.args).toMatchObject({ now: { nowMs: WALL, replay: false }, config: 'c.yaml', data: 'd', state: 's', useState: false, ledger: 'l.json', newLedger: true, report: 'r.json' });
  });

  it('turns npm run check, and reduce --check, into a check', () => {
    expect(parse('check', []).ok && (parse('check', []) as { args: { check: boolean } }).args.check).toBe(true);
    const r = parse('reduce', ['--check']);
    expect(r.ok && r.args.check).toBe(true);
    expect(parse('build', ['--check'])).toEqual({ ok: false, error: '--check is only for npm run reduce and npm run check; see --help' });
  });

  it('refuses a --now without offset, because a bare local time is ambiguous at DST changes', () => {
    expect(parse('reduce', ['--now', '2025-10-26T02:30:00'])).toEqual({
      ok: false,
      error: '--now "2025-10-26T02:30:00" is not an ISO-8601 time with offset; use e.g. 2025-11-04T15:30:00+01:00, latest or live',
    });
  });

  it('takes the webhook from the environment, and the flag over it, for build and start only', () => {
    const env = { FLUXSTATUS_WEBHOOK_URL: 'http://127.0.0.1:1/a' };
    expect(parse('build', [], env)).toMatchObject({ args: { webhook: 'http://127.0.0.1:1/a' } });
    expect(parse('start', ['--webhook', 'https://x.example/b'], env)).toMatchObject({ args: { webhook: 'https://x.example/b' } });
    expect(parse('reduce', [], { FLUXSTATUS_WEBHOOK_URL: 'chat.example' })).toMatchObject({ ok: true, args: { webhook: null } });
  });

  it('refuses a webhook that is not http(s), naming where it came from', () => {
    expect(parse('build', [], { FLUXSTATUS_WEBHOOK_URL: 'chat.example' })).toEqual({ ok: false, error: 'FLUXSTATUS_WEBHOOK_URL "chat.example" must be an http:// or https:// URL' });
    expect(parse('build', ['--webhook', 'chat.example'])).toEqual({ ok: false, error: '--webhook "chat.example" must be an http:// or https:// URL' });
  });

  it('knows --interval and --fresh-template only for npm start', () => {
    expect(parse('start', ['--interval', '30'])).toMatchObject({ args: { intervalSeconds: 30 } });
    expect(parse('start', ['--fresh-template'])).toMatchObject({ args: { freshTemplate: true } });
    expect(parse('build', ['--fresh-template'])).toMatchObject({ ok: false });
    expect(parse('build', ['--interval', '30'])).toEqual({ ok: false, error: '--interval is only for npm start; see --help' });
  });

  it.each([
    [['--interval', '2'], '--interval needs a whole number of at least 5, got "2"'],
    [['--keep', '1'], '--keep needs a whole number of at least 2, got "1"'],
    [['--keep', '3x'], '--keep needs a whole number of at least 2, got "3x"'],
    [['--data'], '--data needs a value; see --help'],
    [['--data='], '--data needs a value; see --help'],
    [['--no-state=yes'], '--no-state takes no value; see --help'],
    [['--verbose'], 'unknown option --verbose; see --help'],
    [['data'], 'unexpected argument data; options start with --, see --help'],
  ])('refuses %j with one sentence', (argv, error) => {
    expect(parse('start', argv)).toEqual({ ok: false, error });
  });

  it('answers --help and -h for every command, with the same shared options', () => {
    for (const command of ['reduce', 'check', 'build', 'start'] as const) {
      expect(parse(command, ['-h'])).toEqual({ ok: false, help: true });
      expect(parse(command, ['--help'])).toEqual({ ok: false, help: true });
      for (const option of ['--config', '--data', '--now', '--state', '--no-state', '--out', '--report', '--ledger', '--new-ledger']) expect(usage(command)).toContain(option);
    }
    expect(usage('start')).toContain('--interval');
    expect(usage('build')).not.toContain('--interval');
  });
});

describe('parseNow', () => {
  it('gives live as the wall clock, latest as latest and an ISO instant as a replay', () => {
    expect(parseNow('live', WALL)).toEqual({ nowMs: WALL, replay: false });
    expect(parseNow('latest', WALL)).toBe('latest');
    expect(parseNow('2025-11-04T14:30:00Z', WALL)).toEqual({ nowMs: Date.UTC(2025, 10, 4, 14, 30), replay: true });
    expect(parseNow('yesterday', WALL)).toBeNull();
  });
});
