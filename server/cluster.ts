/**
 * Several server processes on one port (node:cluster), for machines with more than one core: each
 * worker holds its own copy of the caches (the site's files and compressed bodies, a few MB for a
 * typical site) and checks the build and the snapshot itself, so no coordination is needed. The
 * primary only forks, restarts a worker that dies (with a growing delay) and stops them all on
 * SIGINT/SIGTERM. Connections are spread by the kernel (SCHED_NONE), as nginx's workers do; each
 * worker listens on several copies of the socket so a burst of connections is accepted quickly
 * (accept-handles.ts).
 */
import cluster, { type Worker } from 'node:cluster';
import { listenOnCopies, relayListeners } from './accept-handles';
import { LIMITS, createHandler, createSiteServer, startServer, type ServerOptions } from './index';

/** Exit code of a worker that could not start listening: restarting it would only repeat the error. */
const STARTUP_FAILED = 3;

/** What the primary reports: the URL once every worker listens, and one line per event. */
export interface ClusterEvents {
  listening(url: string): void;
  log(line: string): void;
}

/** Runs `workers` server processes (call from the entry script; workers re-run it and start serving). */
export function runCluster(options: ServerOptions, workers: number, events: ClusterEvents): void {
  if (cluster.isWorker) {
    const handler = createHandler(options);
    const limits = { ...LIMITS, ...options.limits };
    startServer(options, handler).then(
      (running) => {
        const extra = listenOnCopies(running.server, limits.acceptHandles - 1, limits.backlog, () => createSiteServer(options, handler));
        const close = () => Promise.all([running.close(), ...extra.map((s) => new Promise((done) => s.close(done).closeAllConnections()))]);
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void close().then(() => process.exit(0)));
      },
      (error: unknown) => {
        // Cannot listen (port taken, no permission): say so once; the primary stops everything.
        process.stderr.write(`fluxstatus serve: cannot listen on ${options.host ?? '0.0.0.0'}:${options.port ?? 4321}: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(STARTUP_FAILED);
      },
    );
    return;
  }
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  let stopping = false;
  let announced = false;
  let listening = 0;
  let restarts = 0;
  const fork = (): Worker => {
    const worker = cluster.fork();
    relayListeners(worker);
    return worker;
  };
  cluster.on('listening', (_worker, address) => {
    listening++;
    if (announced || listening < workers) return;
    announced = true;
    const host = address.address === null || address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
    events.listening(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    if (code === STARTUP_FAILED && !announced) {
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    restarts++;
    const delay = Math.min(30_000, 500 * 2 ** Math.min(restarts, 6));
    events.log(`fluxstatus serve: worker ${worker.process.pid} exited (${signal ?? `exit ${code}`}), starting another in ${delay / 1000} s`);
    setTimeout(() => stopping || fork(), delay);
  });
  for (let i = 0; i < workers; i++) fork();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  }
}
