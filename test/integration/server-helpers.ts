/**
 * Helpers of the server integration tests: raw HTTP requests (exact paths, no decompression) and
 * a working copy of a build behind a `current` symlink, as the rebuild loop publishes it.
 */
import { cpSync, mkdtempSync, renameSync, symlinkSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request with the path sent byte for byte (fetch would normalise "/../"). */
export function raw(base: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((done, fail) => {
    const req = request({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** A temp directory with `current` → a copy of the build's client/ at `builds/<name>`. */
export function publishedCopy(buildDir: string): { root: string; current: string; publish(name: string, edit?: (clientDir: string) => void): void } {
  const root = mkdtempSync(join(tmpdir(), 'fluxstatus-serve-'));
  const current = join(root, 'current');
  const publish = (name: string, edit?: (clientDir: string) => void) => {
    const target = join(root, 'builds', name);
    cpSync(join(buildDir, 'client'), join(target, 'client'), { recursive: true });
    edit?.(join(target, 'client'));
    // Atomic switch, as the rebuild loop does it: a new symlink renamed over the old one.
    const tmp = join(root, `current.${name}.tmp`);
    symlinkSync(target, tmp);
    renameSync(tmp, current);
  };
  return { root, current, publish };
}
