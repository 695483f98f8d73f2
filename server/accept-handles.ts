/**
 * More than one accept per event-loop iteration. libuv (Node 20) accepts one connection per
 * listening handle per loop iteration (libuv pull request 3696). A worker answering 1,000
 * keep-alive connections runs one iteration per ~1,000 requests, so a burst of new connections
 * waits seconds in the kernel's accept queue — wrk at 2,000 connections counted those as timeouts —
 * while nginx (multi_accept) takes them all at once. So each cluster worker listens on
 * LIMITS.acceptHandles duplicates of the shared socket (new file descriptors of the same socket,
 * made by passing it through the primary over the IPC channel, the documented way handles travel
 * between processes). Each handle accepts one connection per iteration and feeds an http.Server
 * with the same handler, limits and timeouts, so a worker accepts that many per iteration.
 */
import type { Worker } from 'node:cluster';
import type { Server } from 'node:http';

const ASK = 'fluxstatus:listener-copy';
const GIVE = 'fluxstatus:listener';

type Message = { fluxstatus?: unknown } | null | undefined;
const kind = (message: unknown) => (message as Message)?.fluxstatus;
/** The listening socket of a server (a libuv TCP handle; node:net keeps it as `_handle`). */
const socketOf = (server: Server) => (server as unknown as { _handle: object | null })._handle;

/** Primary side: sends back a new copy of each socket a worker passes in, then closes the primary's copy (it never accepts). */
export function relayListeners(worker: Worker): void {
  worker.on('message', (message: unknown, handle: unknown) => {
    if (kind(message) !== ASK || handle === undefined) return;
    worker.send({ fluxstatus: GIVE }, handle as never, () => (handle as { close(): void }).close());
  });
}

/**
 * Worker side: asks the primary for `copies` more handles of `first`'s socket and listens on each
 * with a server from `make`. Returns the list the extra servers are added to as they start (for close).
 */
export function listenOnCopies(first: Server, copies: number, backlog: number, make: () => Server): Server[] {
  const extra: Server[] = [];
  const socket = socketOf(first);
  if (copies <= 0 || socket === null || process.send === undefined) return extra;
  process.on('message', (message: unknown, handle: unknown) => {
    if (kind(message) !== GIVE || handle === undefined) return;
    const server = make();
    server.listen(handle as never, backlog);
    extra.push(server);
  });
  for (let i = 0; i < copies; i++) process.send({ fluxstatus: ASK }, socket as never);
  return extra;
}
