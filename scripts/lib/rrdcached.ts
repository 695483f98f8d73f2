/**
 * Flushes the RRDs a cycle reads out of rrdcached before they are read: with rrdcached, the files on
 * disk lag by the daemon's write delay (minutes), which would make fluxstatus slow or falsely grey.
 * One connection per cycle, one BATCH of FLUSH commands (each answered once the file is written).
 * The address is the config's `rrdcached:` or RRDCACHED_ADDRESS, as rrdtool reads it: `unix:/path`,
 * `/path`, `host`, `host:port` (default port 42217). Never throws: a daemon that does not answer is
 * one line; a file the daemon refuses to flush (outside its -B base directory, unwritable) is named
 * with the daemon's own answer, and the other files count as flushed.
 */
import { createConnection, type Socket } from 'node:net';

/** rrdcached's default TCP port. */
export const RRDCACHED_PORT = 42217;

/** Where to connect: a unix socket path or a TCP host and port. */
export type CachedAddress = { path: string } | { host: string; port: number };

/** Parses an rrdcached address as rrdtool does; null for an empty one. */
export function parseAddress(address: string): CachedAddress | null {
  const a = address.trim();
  if (a === '') return null;
  if (a.startsWith('unix:')) return { path: a.slice(5) };
  if (a.startsWith('/')) return { path: a };
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(a);
  if (v6) return { host: v6[1] as string, port: v6[2] ? Number(v6[2]) : RRDCACHED_PORT };
  const m = /^([^:]+)(?::(\d+))?$/.exec(a);
  return m ? { host: m[1] as string, port: m[2] ? Number(m[2]) : RRDCACHED_PORT } : null;
}

/** The address to use: the config's key first, else RRDCACHED_ADDRESS; null = no daemon. */
export function cachedAddress(configValue: string | undefined, env: Record<string, string | undefined>): string | null {
  const v = configValue ?? env['RRDCACHED_ADDRESS'];
  return v === undefined || v.trim() === '' ? null : v.trim();
}

/** A file the daemon answered an error for, with its answer. */
export interface FlushRefusal {
  path: string;
  answer: string;
}

/**
 * What a flush did: `flushed` files are current on disk (a file the daemon holds nothing for counts
 * as flushed), `refused` ones may lag; `ok: false` = the daemon did not answer at all.
 */
export type FlushResult = { ok: true; flushed: number; refused: FlushRefusal[] } | { ok: false; error: string };

/** Sends FLUSH for every file in one BATCH; resolves when the daemon answered (or `timeoutMs` passed). */
export function flushFiles(address: string, files: readonly string[], timeoutMs = 30_000): Promise<FlushResult> {
  const target = parseAddress(address);
  if (target === null) return Promise.resolve({ ok: false, error: `rrdcached address "${address}" is not unix:/path, /path, host or host:port` });
  if (files.length === 0) return Promise.resolve({ ok: true, flushed: 0, refused: [] });
  return new Promise((resolve) => {
    let buffer = '';
    let stage: 'batch' | 'results' = 'batch';
    let errors = -1;
    const lines: string[] = [];
    let settled = false;
    const socket: Socket = 'path' in target ? createConnection(target.path) : createConnection(target.port, target.host);
    const done = (r: FlushResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const fail = (why: string): void => done({ ok: false, error: `rrdcached at ${address} ${why}; the files on disk may lag by its write delay` });
    const timer = setTimeout(() => fail(`did not answer within ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('error', (e: NodeJS.ErrnoException) => fail(`is not reachable (${e.code ?? e.message})`));
    socket.on('close', () => fail('closed the connection'));
    socket.on('connect', () => socket.write('BATCH\n'));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (stage === 'batch') {
          if (!line.startsWith('0 ')) return fail(`refused BATCH: ${line}`);
          stage = 'results';
          socket.write(`${files.map((f) => `FLUSH ${f}`).join('\n')}\n.\n`);
        } else if (errors < 0) {
          const n = /^(-?\d+)/.exec(line);
          if (n === null) return fail(`answered "${line}"`);
          errors = Number(n[1]);
          if (errors < 0) return fail(`answered "${line}"`);
          if (errors === 0) return done({ ok: true, flushed: files.length, refused: [] });
        } else {
          lines.push(line);
          if (lines.length === errors) {
            const answer = batchAnswer(files, lines);
            return answer.ok ? done(answer) : fail(answer.error);
          }
        }
      }
    });
  });
}

/**
 * The error lines of a BATCH ("<command number> <message>", numbered from 1) as per-file refusals.
 * "No such file" is the daemon holding nothing for that path (a file removed since the glob, or a
 * path it never saw): nothing lags, so it counts as flushed — reduce reports a missing file itself.
 */
export function batchAnswer(files: readonly string[], errorLines: readonly string[]): FlushResult {
  const refused: FlushRefusal[] = [];
  for (const line of errorLines) {
    const m = /^(\d+)\s+(.*)$/.exec(line);
    const path = m === null ? undefined : files[Number(m[1]) - 1];
    if (m === null || path === undefined) return { ok: false, error: `answered "${line}" to a BATCH of ${files.length} FLUSH commands` };
    if (/^no such file/i.test(m[2] as string)) continue;
    refused.push({ path, answer: (m[2] as string).trim() });
  }
  return { ok: true, flushed: files.length - refused.length, refused };
}
