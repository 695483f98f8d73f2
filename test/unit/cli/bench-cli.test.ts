import { describe, expect, it } from 'vitest';
import { parseBenchCli } from '../../../scripts/bench/lib/cli';

const TABLE = {
  files: { type: 'string', value: 'N', help: 'files' },
  'skip-astro': { type: 'boolean', help: 'no Astro' },
} as const;

describe('the bench scripts on the shared CLI layer', () => {
  it('reads whole numbers with their defaults and boolean flags', () => {
    const parsed = parseBenchCli(TABLE, ['--files', '6000', '--skip-astro'], { files: 4 });
    if (!parsed.ok) throw new Error('refused');
    expect(parsed.cli.count('files', 1500)).toBe(6000);
    expect(parsed.cli.values['skip-astro']).toBe(true);
    const none = parseBenchCli(TABLE, [], { files: 4 });
    expect(none.ok && none.cli.count('files', 1500)).toBe(1500);
  });

  it('refuses an unknown option, a count below its minimum and a stray argument in one line each', () => {
    expect(parseBenchCli(TABLE, ['--rrds', '5'])).toEqual({ ok: false, error: 'unknown option --rrds; see --help' });
    expect(parseBenchCli(TABLE, ['--files', '2'], { files: 4 })).toEqual({ ok: false, error: '--files needs a whole number of at least 4, got "2"' });
    expect(parseBenchCli(TABLE, ['--files', '6e3'], { files: 4 })).toEqual({ ok: false, error: '--files needs a whole number of at least 4, got "6e3"' });
    expect(parseBenchCli(TABLE, ['extra'])).toEqual({ ok: false, error: 'unexpected argument extra; options start with --, see --help' });
  });

  it('answers --help', () => {
    expect(parseBenchCli(TABLE, ['--help'])).toEqual({ ok: false, help: true });
  });
});
