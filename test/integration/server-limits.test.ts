/** The server's limits: oversized heads get 431, a slowloris client is cut off while others are served. */
import { connect } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/index';
import { raw } from './server-helpers';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fluxstatus-limits-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><p>ok</p>');
  server = await startServer({ siteDir: dir, host: '127.0.0.1', port: 0, log: () => {}, limits: { headersTimeoutMs: 1_000, checkIntervalMs: 250 } });
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('server limits', () => {
  it('answers a request head over 16 KB with 431', async () => {
    const res = await raw(server.url, '/', { headers: { 'X-Big': 'a'.repeat(20 * 1024) } });
    expect(res.status).toBe(431);
  });

  it('closes a connection whose head trickles in byte by byte (slowloris) and keeps serving others', async () => {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    const started = Date.now();
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now() - started)));
    socket.on('error', () => {});
    socket.write('GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const drip = setInterval(() => socket.writable && socket.write('a'), 100);
    const other = await raw(server.url, '/');
    expect(other.status).toBe(200);
    const after = await closed;
    clearInterval(drip);
    expect(after).toBeGreaterThanOrEqual(900);
    expect(after).toBeLessThan(5_000);
  });
});
