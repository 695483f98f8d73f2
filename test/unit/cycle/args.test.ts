import { describe, expect, it } from 'vitest';
import { parseCycleArgs } from '../../../src/lib/cycle/args';

describe('parseCycleArgs', () => {
  it('defaults to the bundled config and data, the live clock and .fluxstatus/site', () => {
    expect(parseCycleArgs([], {}, true)).toEqual({
      ok: true,
      args: { config: 'data/status.yaml', data: 'data', now: { kind: 'live' }, state: '.fluxstatus', out: null, webhook: null, keep: 3, intervalSeconds: 60 },
    });
  });

  it('reads --now as an instant with its offset', () => {
    const r = parseCycleArgs(['--now', '2025-11-04T15:30:00+01:00'], {}, false);
    expect(r.ok && r.args.now).toEqual({ kind: 'at', ms: Date.UTC(2025, 10, 4, 14, 30) });
  });

  it('accepts --now=latest and --out=DIR forms', () => {
    const r = parseCycleArgs(['--now=latest', '--out=dist'], {}, false);
    expect(r.ok && [r.args.now, r.args.out]).toEqual([{ kind: 'latest' }, 'dist']);
  });

  it('lets a later --now live override an earlier --now latest (the package.json demo default)', () => {
    const r = parseCycleArgs(['--now', 'latest', '--now', 'live'], {}, true);
    expect(r.ok && r.args.now).toEqual({ kind: 'live' });
  });

  it('refuses a --now without offset, because a bare local time is ambiguous at DST changes', () => {
    expect(parseCycleArgs(['--now', '2025-10-26T02:30:00'], {}, false)).toEqual({
      ok: false,
      error: '--now "2025-10-26T02:30:00" is not an ISO-8601 time with offset; use e.g. 2025-11-04T15:30:00+01:00, latest or live',
    });
  });

  it('takes the webhook from the environment, and the flag over it', () => {
    const env = { FLUXSTATUS_WEBHOOK_URL: 'http://127.0.0.1:1/a' };
    expect(parseCycleArgs([], env, false)).toMatchObject({ args: { webhook: 'http://127.0.0.1:1/a' } });
    expect(parseCycleArgs(['--webhook', 'https://x.example/b'], env, false)).toMatchObject({ args: { webhook: 'https://x.example/b' } });
  });

  it('refuses a webhook that is not http(s), naming where it came from', () => {
    expect(parseCycleArgs([], { FLUXSTATUS_WEBHOOK_URL: 'chat.example' }, false)).toEqual({
      ok: false,
      error: 'FLUXSTATUS_WEBHOOK_URL "chat.example" must be an http:// or https:// URL',
    });
  });

  it('knows --interval only for npm start', () => {
    expect(parseCycleArgs(['--interval', '30'], {}, true)).toMatchObject({ args: { intervalSeconds: 30 } });
    expect(parseCycleArgs(['--interval', '30'], {}, false)).toEqual({ ok: false, error: 'unknown option --interval; see --help' });
  });

  it.each([
    [['--interval', '2'], '--interval needs a whole number of at least 5, got "2"'],
    [['--keep', '1'], '--keep needs a whole number of at least 2, got "1"'],
    [['--data'], '--data needs a value'],
    [['--verbose'], 'unknown option --verbose; see --help'],
  ])('refuses %j with one sentence', (argv, error) => {
    expect(parseCycleArgs(argv, {}, true)).toEqual({ ok: false, error });
  });
});
