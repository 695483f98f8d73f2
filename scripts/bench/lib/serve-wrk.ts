/** Runs wrk (with a raised open-file limit) and reads its summary: throughput, latency, errors. */
import { spawn } from 'node:child_process';

export interface WrkResult {
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors (connect, read, write), timeouts and non-2xx/3xx answers. */
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  timeouts: number;
  non2xx: number;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** A wrk latency ("633.00us", "1.96ms", "2.00s") in milliseconds. */
export function latencyMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (m === null) return Number.NaN;
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** Parses the output of `wrk --latency`. */
export function parseWrk(out: string): WrkResult {
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? Number.NaN);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    requests: num(/(\d+) requests in/),
    reqPerSec: num(/Requests\/sec:\s+([\d.]+)/),
    p50Ms: latencyMs(/\n\s+50%\s+(\S+)/.exec(out)?.[1] ?? ''),
    p99Ms: latencyMs(/\n\s+99%\s+(\S+)/.exec(out)?.[1] ?? ''),
    connectErrors: Number(socket?.[1] ?? 0),
    readErrors: Number(socket?.[2] ?? 0),
    writeErrors: Number(socket?.[3] ?? 0),
    timeouts: Number(socket?.[4] ?? 0),
    non2xx: num(/Non-2xx or 3xx responses: (\d+)/) || 0,
  };
}

/** Every error wrk counts, in one number. */
export const errorCount = (r: WrkResult) => r.connectErrors + r.readErrors + r.writeErrors + r.timeouts + r.non2xx;

/** `wrk -t<threads> -c<connections> -d<seconds>s --latency url`, after raising the open-file limit for the connections. */
export function runWrk(url: string, opts: { threads: number; connections: number; seconds: number }): Promise<WrkResult> {
  const files = opts.connections + 1024;
  const script = `ulimit -n ${files} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec wrk -t${opts.threads} -c${opts.connections} -d${opts.seconds}s --latency "$0"`;
  return new Promise((done, fail) => {
    const child = spawn('sh', ['-c', script, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', fail);
    child.once('exit', (code) => {
      const r = parseWrk(out);
      if (code !== 0 || Number.isNaN(r.reqPerSec)) fail(new Error(`wrk failed (exit ${code}): ${out.trim().split('\n').slice(-3).join(' | ')} — is wrk installed? apt-get install -y wrk`));
      else done(r);
    });
  });
}
