/**
 * Sends representations with every header computed once: per body, status and encoding the
 * response head (security headers, type, caching, validators, length) is built the first time and
 * kept with the body, so a request for a cached file or live route is a lookup and one write.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CompressionCache, negotiate, type Encoded, type Encoding } from './compress';
import { NOT_FOUND, isFramable, securityHeaders } from './headers';
import type { Representation } from './representation';
import { memoizeString } from '../src/lib/view/memo';

/** One ready response: body, its head, and the head of a 304 for it. */
interface Prepared {
  body: Buffer;
  etag: string;
  head: string[];
  notModified: string[];
}

const flat = (headers: Record<string, string>) => Object.entries(headers).flat();

const ENCODINGS: readonly Encoding[] = ['identity', 'gzip', 'br'];

export class Responder {
  #compression = new CompressionCache();
  /** Per representation, its prepared responses by slot (status, encoding, framable: see send). */
  #prepared = new WeakMap<Representation, Map<number, Prepared>>();
  /** Negotiated encodings by Accept-Encoding value (up to 256 values, then it starts over). */
  #negotiated = memoizeString(negotiate, 256);

  /** Compresses a live body right away, so its first request is already a lookup. */
  precompress(rep: Representation): void {
    this.#compression.now(rep.hash, rep.body);
  }

  #encoding(acceptEncoding: string | undefined): Encoding {
    if (acceptEncoding === undefined) return 'identity';
    return this.#negotiated(acceptEncoding);
  }

  /** Sends `rep` with `status` (200 or 404) for `pathname`; synchronous unless a file is compressed for the first time. */
  send(req: IncomingMessage, res: ServerResponse, status: number, pathname: string, rep: Representation): void | Promise<void> {
    const encoding = this.#encoding(req.headers['accept-encoding']);
    // One small number per (status, encoding, framable) instead of a string key per request.
    const slot = (status === 404 ? 6 : 0) + ENCODINGS.indexOf(encoding) * 2 + (pathname.includes('/status-button/') && isFramable(pathname) ? 1 : 0);
    const prepared = this.#prepared.get(rep)?.get(slot);
    if (prepared !== undefined) return write(req, res, status, rep, prepared);
    const ready = this.#compression.peek(rep.hash, rep.body, encoding);
    if (ready !== undefined) return write(req, res, status, rep, this.#prepare(rep, slot, status, pathname, ready));
    return this.#compression.get(rep.hash, rep.body, encoding).then((out) => write(req, res, status, rep, this.#prepare(rep, slot, status, pathname, out)));
  }

  #prepare(rep: Representation, slot: number, status: number, pathname: string, out: Encoded): Prepared {
    const etag = out.encoding === 'identity' ? rep.etag : `"${rep.hash}-${out.encoding}"`;
    const common: Record<string, string> = {
      ...securityHeaders(pathname, rep.type, rep.csp),
      'Content-Type': rep.type,
      'Cache-Control': status === 404 ? NOT_FOUND : rep.cacheControl,
      Vary: 'Accept-Encoding',
    };
    if (status === 200) common['ETag'] = etag;
    const head: Record<string, string> = { ...common };
    if (out.encoding !== 'identity') head['Content-Encoding'] = out.encoding;
    head['Content-Length'] = String(out.body.length);
    const prepared: Prepared = { body: out.body, etag, head: flat(head), notModified: flat(common) };
    let byKey = this.#prepared.get(rep);
    if (byKey === undefined) this.#prepared.set(rep, (byKey = new Map()));
    byKey.set(slot, prepared);
    return prepared;
  }
}

/** True when If-None-Match names this body (any encoding's ETag, weak or strong, or *). */
function matches(inm: string, rep: Representation, prepared: Prepared): boolean {
  return inm.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === rep.etag || tag === prepared.etag || tag === '*';
  });
}

function write(req: IncomingMessage, res: ServerResponse, status: number, rep: Representation, prepared: Prepared): void {
  const inm = req.headers['if-none-match'];
  if (status === 200 && inm !== undefined && matches(inm, rep, prepared)) {
    res.writeHead(304, prepared.notModified);
    res.end();
    return;
  }
  res.writeHead(status, prepared.head);
  res.end(req.method === 'HEAD' ? undefined : prepared.body);
}

