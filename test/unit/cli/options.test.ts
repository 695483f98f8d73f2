import { describe, expect, it } from 'vitest';
import { parseOptions, usageText, type OptionTable } from '../../../src/lib/cli/options';
import { parseEvaluateArgs, EVALUATE_USAGE } from '../../../scripts/evaluate';
import { parseArgs as parseRrdArgs, USAGE as RRD_USAGE } from '../../../scripts/rrd';
import { SERVE_USAGE } from '../../../server/serve-args';
import { usage } from '../../../src/lib/cycle/args';

const TABLE = {
  config: { type: 'string', value: 'FILE', help: 'config file' },
  json: { type: 'boolean', help: 'print JSON' },
} as const satisfies OptionTable;

describe('parseOptions (the one parser of every CLI)', () => {
  it('reads string and boolean options, in both --name value and --name=value spellings', () => {
    expect(parseOptions(TABLE, ['--config', 'a.yaml', '--json'])).toEqual({ ok: true, values: { config: 'a.yaml', json: true }, positionals: [] });
    expect(parseOptions(TABLE, ['--config=b.yaml'])).toMatchObject({ ok: true, values: { config: 'b.yaml' } });
  });

  it.each([
    [['--verbose'], 'unknown option --verbose; see --help'],
    [['-x'], 'unknown option -x; see --help'],
    [['--config'], '--config needs a value; see --help'],
    [['--config='], '--config needs a value; see --help'],
    [['--config', '--json'], '--config needs a value; see --help'],
    [['--json=yes'], '--json takes no value; see --help'],
    [['file.rrd'], 'unexpected argument file.rrd; options start with --, see --help'],
  ])('refuses %j with one line naming the option and pointing to --help', (argv, error) => {
    expect(parseOptions(TABLE, argv)).toEqual({ ok: false, error });
  });

  it('answers --help and -h, even beside other options', () => {
    expect(parseOptions(TABLE, ['--help'])).toEqual({ ok: false, help: true });
    expect(parseOptions(TABLE, ['--config', 'a', '-h'])).toEqual({ ok: false, help: true });
  });

  it('keeps positionals only where the command takes them', () => {
    expect(parseOptions(TABLE, ['a', '--json', 'b'], true)).toMatchObject({ ok: true, positionals: ['a', 'b'] });
  });

  it('writes a help line per option, --help last', () => {
    expect(usageText('cmd [options]', TABLE).split('\n')).toEqual(['usage: cmd [options]', '  --config FILE     config file', '  --json            print JSON', '  -h, --help        this text']);
  });
});

describe('every CLI on it', () => {
  it('evaluate: same spellings as reduce for --config, --data and --now (epoch seconds), and --truth is required', () => {
    expect(parseEvaluateArgs(['--truth', 't.json', '--config', 'c.yaml', '--data', 'd', '--now', '2025-11-04T15:30:00+01:00'])).toEqual({
      ok: true,
      args: { truth: 't.json', config: 'c.yaml', data: 'd', json: false, now: Date.UTC(2025, 10, 4, 14, 30) / 1000 },
    });
    expect(parseEvaluateArgs(['--config', 'c.yaml'])).toEqual({ ok: false, error: '--truth is required: give the ground-truth.json of the labelled corpus; see --help' });
    expect(parseEvaluateArgs(['--truth', 't', '--now', 'yesterday'])).toMatchObject({ ok: false, error: expect.stringContaining('--now "yesterday" is not an ISO-8601 time') });
    expect(parseEvaluateArgs(['--state', 's'])).toEqual({ ok: false, error: 'unknown option --state; see --help' });
    expect(parseEvaluateArgs(['-h'])).toEqual({ ok: false, help: true });
  });

  it('rrd: files are positionals, negative epochs are written --start=-N', () => {
    expect(parseRrdArgs(['a.rrd', '--cf', 'max', '--start=-600', '--end', '0', 'b.xml'])).toEqual({ files: ['a.rrd', 'b.xml'], options: { cf: 'MAX', start: -600, end: 0 }, info: false });
    expect(parseRrdArgs(['a.rrd', '--resolution', '0'])).toEqual({ error: '--resolution needs a positive number of seconds, got 0' });
    expect(parseRrdArgs(['--info'])).toEqual({ error: 'no file given; see --help' });
    expect(parseRrdArgs(['a.rrd', '--start'])).toEqual({ error: '--start needs a value; see --help' });
    expect(parseRrdArgs(['--help'])).toEqual({ help: true });
  });

  it('the help of every command lists its options and --help', () => {
    for (const text of [EVALUATE_USAGE, RRD_USAGE, SERVE_USAGE, usage('reduce'), usage('check'), usage('build'), usage('start')]) {
      expect(text).toMatch(/^usage: /);
      expect(text).toContain('-h, --help');
    }
    for (const option of ['--config FILE', '--data DIR', '--now ']) expect(EVALUATE_USAGE).toContain(option);
    expect(SERVE_USAGE).toContain('--snapshot FILE');
  });
});
