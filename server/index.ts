/**
 * The live server: serves a built site (siteDir = client/ + server/, or a plain static directory)
 * with caching, compression and security headers, and answers a few routes from the newest snapshot
 * (see live-routes.ts and docs/deploy.md). No cookies, no sessions, GET/HEAD/OPTIONS only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { snapshotSource } from '../src/site/live-snapshot';
import { negotiate, CompressionCache } from './compress';
import { NOT_FOUND, DATA_CSP, securityHeaders } from './headers';
import { LiveRoutes } from './live-routes';
import { safeSegments } from './request-path';
import type { Representation } from './representation';
import { StaticFiles } from './static-files';

export interface ServerOptions {
  /** The published build: a directory or a symlink (e.g. `current`) that may be swapped at any time. */
  siteDir: string;
  /** Newest snapshot, read on change for the live routes; without it only static files are served. */
  snapshotPath?: string | undefined;
  host?: string | undefined;
  /** 0 = a free port. */
  port?: number | undefined;
  /** Receives one-line operational messages (default: stderr). */
  log?: ((line: string) => void) | undefined;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

const ALLOW = 'GET, HEAD, OPTIONS';

/** The request handler, separate from listening so tests and benches can reuse it. */
export function createHandler(options: ServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const files = new StaticFiles(options.siteDir);
  const snapshots = options.snapshotPath === undefined ? null : snapshotSource(options.snapshotPath, log);
  const live = new LiveRoutes();
  const compression = new CompressionCache();

  const send = async (req: IncomingMessage, res: ServerResponse, status: number, pathname: string, rep: Representation) => {
    const headers: Record<string, string> = {
      ...securityHeaders(pathname, rep.type, rep.csp),
      'Content-Type': rep.type,
      'Cache-Control': status === 404 ? NOT_FOUND : rep.cacheControl,
      Vary: 'Accept-Encoding',
    };
    const encoding = negotiate(req.headers['accept-encoding']);
    const etag = encoding === 'identity' ? rep.etag : `"${rep.hash}-${encoding}"`;
    if (status === 200) {
      headers['ETag'] = etag;
      const inm = req.headers['if-none-match'];
      if (inm !== undefined && inm.split(',').some((t) => [rep.etag, etag, '*'].includes(t.trim().replace(/^W\//, '')))) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
    }
    const out = await compression.get(rep.hash, rep.body, encoding);
    if (out.encoding !== 'identity') headers['Content-Encoding'] = out.encoding;
    else if (status === 200) headers['ETag'] = rep.etag;
    headers['Content-Length'] = String(out.body.length);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : out.body);
  };

  const notFound = async (req: IncomingMessage, res: ServerResponse) => {
    const page = files.notFoundPage();
    if (page !== null) return send(req, res, 404, '/404.html', page);
    const body = Buffer.from('Not found\n');
    return send(req, res, 404, '/404', { body, hash: 'nf', etag: '"nf"', type: 'text/plain; charset=utf-8', cacheControl: NOT_FOUND, csp: DATA_CSP });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        Allow: ALLOW,
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': ALLOW,
        'Access-Control-Max-Age': '86400',
        'Content-Length': '0',
      });
      res.end();
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { Allow: ALLOW, 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end('Method not allowed\n');
      return;
    }
    const segments = safeSegments(req.url ?? '/');
    if (segments === null) return notFound(req, res);
    const pathname = `/${segments.join('/')}`;
    const liveRep = snapshots === null ? null : live.answer(pathname, snapshots.current(), Date.now() / 1000);
    if (liveRep !== null) return send(req, res, 200, pathname, liveRep);
    const found = files.lookup(segments);
    if (found.kind === 'file') return send(req, res, 200, pathname, found.rep);
    if (found.kind === 'redirect') {
      res.writeHead(301, { Location: found.location, 'Cache-Control': NOT_FOUND, 'Content-Length': '0' });
      res.end();
      return;
    }
    return notFound(req, res);
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // One line, no stack: a failed request must not take the server down.
      log(`fluxstatus serve: ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error\n');
    });
  };
}

/** Starts the server; resolves once it listens. */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const server = createServer(createHandler(options));
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4321, options.host ?? '0.0.0.0', () => {
      const { port, address } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolvePromise({
        server,
        port,
        url: `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
