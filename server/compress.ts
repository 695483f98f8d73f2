/**
 * Content negotiation and a cache of compressed bodies keyed by content hash, so a file that is
 * identical in the next build (most of them) is not compressed again. Compression runs off the
 * event loop (zlib's thread pool); concurrent requests for the same body share one job.
 */
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export type Encoding = 'br' | 'gzip' | 'identity';

/** Bodies smaller than this are sent as they are. */
const MIN_SIZE = 512;
/** Upper bound of the cache (bytes of compressed bodies). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** The best encoding the client accepts (br > gzip > identity); q=0 refuses. */
export function negotiate(acceptEncoding: string | undefined): Encoding {
  if (acceptEncoding === undefined) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name ?? '', q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

export class CompressionCache {
  #done = new Map<string, Buffer>();
  #pending = new Map<string, Promise<Buffer>>();
  #bytes = 0;

  /** The body in `encoding` (identity when not worth it); `hash` identifies the content. */
  async get(hash: string, body: Buffer, encoding: Encoding): Promise<{ body: Buffer; encoding: Encoding }> {
    if (encoding === 'identity' || body.length < MIN_SIZE) return { body, encoding: 'identity' };
    const key = `${hash}:${encoding}`;
    const hit = this.#done.get(key);
    if (hit !== undefined) {
      // Refresh recency (Map keeps insertion order; the oldest entries are evicted first).
      this.#done.delete(key);
      this.#done.set(key, hit);
      return { body: hit, encoding };
    }
    let job = this.#pending.get(key);
    if (job === undefined) {
      job =
        encoding === 'br'
          ? brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
          : gz(body, { level: 6 });
      this.#pending.set(key, job);
    }
    try {
      const out = await job;
      if (!this.#done.has(key)) this.#store(key, out);
      return { body: out, encoding };
    } finally {
      this.#pending.delete(key);
    }
  }

  #store(key: string, value: Buffer): void {
    this.#done.set(key, value);
    this.#bytes += value.length;
    for (const [oldKey, old] of this.#done) {
      if (this.#bytes <= MAX_CACHE_BYTES) break;
      this.#done.delete(oldKey);
      this.#bytes -= old.length;
    }
  }
}
