/**
 * The live server: serves a built site (siteDir = client/ + server/, or a plain static directory)
 * with caching, compression and security headers, and answers a few routes from the newest snapshot
 * (see live-routes.ts and docs/deploy.md). No cookies, no sessions, GET/HEAD/OPTIONS only.
 * Every body and response head is prepared once and kept in memory (respond.ts); files and the
 * snapshot are checked at most once per event-loop iteration (tick.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { snapshotSource } from '../src/site/live-snapshot';
import { DATA_CSP, NOT_FOUND } from './headers';
import { LiveRoutes } from './live-routes';
import { safeSegments } from './request-path';
import { validators, type Representation } from './representation';
import { Responder } from './respond';
import { StaticFiles } from './static-files';
import { oncePerTick } from './tick';
import { memoizeString } from '../src/lib/view/memo';

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
  /** Overrides of LIMITS (tests use short timeouts). */
  limits?: Partial<Limits> | undefined;
}

export interface RunningServer {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Connection limits and timeouts (see docs/deploy.md, "Limits"). */
export const LIMITS = {
  /** Open connections per process beyond which new ones are refused. */
  maxConnections: 20_000,
  /** Pending connections the kernel queues before accept (capped by net.core.somaxconn). */
  backlog: 8_192,
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: 5_000,
  /** The request head must arrive within this time (slowloris protection). */
  headersTimeoutMs: 10_000,
  /** The whole request must arrive within this time. */
  requestTimeoutMs: 30_000,
  /** How often the timeouts above are enforced. */
  checkIntervalMs: 2_000,
  /** Largest request head; larger → 431. */
  maxHeaderSize: 16 * 1024,
  /** Listening handles per cluster worker, each accepting one connection per event-loop iteration (accept-handles.ts). */
  acceptHandles: 64,
};
export type Limits = typeof LIMITS;

const ALLOW = 'GET, HEAD, OPTIONS';
const PREFLIGHT = ['Allow', ALLOW, 'Access-Control-Allow-Origin', '*', 'Access-Control-Allow-Methods', ALLOW, 'Access-Control-Max-Age', '86400', 'Content-Length', '0'];
const NOT_ALLOWED = ['Allow', ALLOW, 'Content-Type', 'text/plain; charset=utf-8', 'X-Content-Type-Options', 'nosniff'];
const PLAIN_NOT_FOUND_BODY = Buffer.from('Not found\n');
const PLAIN_NOT_FOUND: Representation = { body: PLAIN_NOT_FOUND_BODY, ...validators(PLAIN_NOT_FOUND_BODY), type: 'text/plain; charset=utf-8', cacheControl: NOT_FOUND, csp: DATA_CSP };

/** A checked request target: its decoded segments and the site path they make. */
interface Checked {
  segments: string[];
  pathname: string;
}

/** The request handler, separate from listening so tests and benches can reuse it. */
export function createHandler(options: ServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const files = new StaticFiles(options.siteDir);
  const responder = new Responder();
  const source = options.snapshotPath === undefined ? null : snapshotSource(options.snapshotPath, log);
  const snapshot = source === null ? () => null : oncePerTick(() => source.current());
  const live = new LiveRoutes((rep) => responder.precompress(rep));
  // The same few URLs are asked again and again: their checked segments and path are kept (read-only),
  // up to 1,024 targets, then the memo starts over (arbitrary URLs cannot grow it).
  const pathOf = memoizeString((target: string): Checked | null => {
    const segments = safeSegments(target);
    return segments === null ? null : { segments, pathname: `/${segments.join('/')}` };
  }, 1024);

  const handle = (req: IncomingMessage, res: ServerResponse): void | Promise<void> => {
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, PREFLIGHT);
      res.end();
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, NOT_ALLOWED);
      res.end('Method not allowed\n');
      return;
    }
    const target = pathOf(req.url ?? '/');
    if (target !== null) {
      const { segments, pathname } = target;
      const liveRep = live.answer(pathname, snapshot(), Date.now() / 1000);
      if (liveRep !== null) return responder.send(req, res, 200, pathname, liveRep);
      const found = files.lookup(segments);
      if (found.kind === 'file') return responder.send(req, res, 200, pathname, found.rep);
      if (found.kind === 'redirect') {
        res.writeHead(301, ['Location', found.location, 'Cache-Control', NOT_FOUND, 'Content-Length', '0']);
        res.end();
        return;
      }
    }
    const page = files.notFoundPage();
    return page === null ? responder.send(req, res, 404, '/404', PLAIN_NOT_FOUND) : responder.send(req, res, 404, '/404.html', page);
  };

  const fail = (req: IncomingMessage, res: ServerResponse, error: unknown) => {
    // One line, no stack: a failed request must not take the server down.
    log(`fluxstatus serve: ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Internal error\n');
  };

  return (req, res) => {
    try {
      const pending = handle(req, res);
      if (pending !== undefined) pending.catch((error: unknown) => fail(req, res, error));
    } catch (error) {
      fail(req, res, error);
    }
  };
}

/** An HTTP server with the handler (one handler may serve several servers of a process), limits and timeouts, not yet listening. */
export function createSiteServer(options: ServerOptions, handler = createHandler(options)): Server {
  const limits = { ...LIMITS, ...options.limits };
  const server = createServer(
    {
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
      maxHeaderSize: limits.maxHeaderSize,
      noDelay: true,
    },
    handler,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}

/** Starts the server; resolves once it listens. */
export function startServer(options: ServerOptions, handler = createHandler(options)): Promise<RunningServer> {
  const server = createSiteServer(options, handler);
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 4321, host: options.host ?? '0.0.0.0', backlog: options.limits?.backlog ?? LIMITS.backlog }, () => {
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
