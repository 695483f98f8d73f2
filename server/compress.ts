/**
 * Content negotiation and a cache of compressed bodies keyed by content hash, so a file that is
 * identical in the next build (most of them) is not compressed again. Files are compressed off the
 * event loop (zlib's thread pool; concurrent requests for the same body share one job); the small
 * live bodies are compressed at once when rendered (`now`), so every later request is a lookup.
 */
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export type Encoding = 'br' | 'gzip' | 'identity';

/** Bodies smaller than this are sent as they are. */
const MIN_SIZE = 512;
/** Upper bound of the cache (bytes of compressed bodies). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

const brotliOptions = (size: number) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: size } });

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

/** A body in one encoding. */
export interface Encoded {
  body: Buffer;
  encoding: Encoding;
}

export class CompressionCache {
  #done = new Map<string, Buffer>();
  #pending = new Map<string, Promise<Buffer>>();
  #bytes = 0;

  /** The body in `encoding` if it is ready (or needs no work), else undefined. No work is started. */
  peek(hash: string, body: Buffer, encoding: Encoding): Encoded | undefined {
    if (encoding === 'identity' || body.length < MIN_SIZE) return { body, encoding: 'identity' };
    const hit = this.#done.get(`${hash}:${encoding}`);
    return hit === undefined ? undefined : { body: hit, encoding };
  }

  /** Compresses a small body in both encodings right away (for live routes, rendered once per snapshot). */
  now(hash: string, body: Buffer): void {
    if (body.length < MIN_SIZE) return;
    if (!this.#done.has(`${hash}:br`)) this.#store(`${hash}:br`, brotliCompressSync(body, brotliOptions(body.length)));
    if (!this.#done.has(`${hash}:gzip`)) this.#store(`${hash}:gzip`, gzipSync(body, { level: 6 }));
  }

  /** The body in `encoding` (identity when not worth it); `hash` identifies the content. */
  async get(hash: string, body: Buffer, encoding: Encoding): Promise<Encoded> {
    const ready = this.peek(hash, body, encoding);
    if (ready !== undefined) return ready;
    const key = `${hash}:${encoding}`;
    let job = this.#pending.get(key);
    if (job === undefined) {
      job = encoding === 'br' ? brotli(body, brotliOptions(body.length)) : gz(body, { level: 6 });
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
