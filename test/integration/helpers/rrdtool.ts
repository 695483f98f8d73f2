/**
 * Runs the real rrdtool for the integration tests: argument arrays through execFileSync (never a
 * shell), under LC_ALL=C (fetch and PRINT follow the locale) and TZ=Europe/Brussels (dump comments
 * and the corpus use Brussels time), as the corpus in test/fixtures/rrd-samples was made.
 */
import { execFileSync } from 'node:child_process';

const ENV = { ...process.env, LC_ALL: 'C', TZ: 'Europe/Brussels' };

/** Fails with the install command when rrdtool is missing: these tests must not silently pass without it. */
export function requireRrdtool(): string {
  try {
    return execFileSync('rrdtool', ['--version'], { env: ENV, encoding: 'utf8' }).split('\n')[0] ?? '';
  } catch {
    throw new Error('rrdtool is not installed or not on PATH; the integration tests need the real binary: run `apt-get install -y rrdtool`');
  }
}

/** Runs `rrdtool ...args` and returns its standard output as text. */
export function rrdtool(args: readonly string[], cwd?: string): string {
  return execFileSync('rrdtool', args, { env: ENV, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, ...(cwd === undefined ? {} : { cwd }) });
}
