import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookSender } from '../../scripts/lib/webhook';

/** A local receiver answering with the given statuses in turn (200 once they run out). */
async function receiver(statuses: number[], delayMs = 0): Promise<{ url: string; bodies: unknown[]; server: Server }> {
  const bodies: unknown[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      if (status === 200) bodies.push(JSON.parse(body));
      setTimeout(() => res.writeHead(status).end(), delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server };
}

let servers: Server[] = [];
afterEach(() => {
  for (const s of servers) s.close();
  servers = [];
});

describe('WebhookSender', () => {
  it('POSTs the JSON message to the receiver', async () => {
    const r = await receiver([]);
    servers.push(r.server);
    const sender = new WebhookSender({ url: r.url });
    sender.send({ type: 'fluxstatus.level_change', changes: [{ service_id: 'gfd', level: 'major_outage' }] });
    expect(await sender.idle(5_000)).toBe(true);
    expect(r.bodies).toEqual([{ type: 'fluxstatus.level_change', changes: [{ service_id: 'gfd', level: 'major_outage' }] }]);
    expect(sender.stats()).toEqual({ delivered: 1, failed: 0, dropped: 0, queued: 0 });
  });

  it('retries with backoff after server errors and delivers in order', async () => {
    const r = await receiver([503, 500]);
    servers.push(r.server);
    const sender = new WebhookSender({ url: r.url, backoffMs: 20 });
    sender.send({ n: 1 });
    sender.send({ n: 2 });
    await sender.idle(5_000);
    expect(r.bodies).toEqual([{ n: 1 }, { n: 2 }]);
    expect(sender.stats().delivered).toBe(2);
  });

  it('returns at once from send, even when the receiver is slow', async () => {
    const r = await receiver([], 1_000);
    servers.push(r.server);
    const sender = new WebhookSender({ url: r.url });
    const t = performance.now();
    sender.send({ n: 1 });
    expect(performance.now() - t).toBeLessThan(50);
    await sender.idle(5_000);
  });

  it('gives up after the last attempt and reports it in one line, without throwing', async () => {
    const lines: string[] = [];
    const sender = new WebhookSender({ url: 'http://127.0.0.1:9/hook', maxAttempts: 3, backoffMs: 10, log: (l) => lines.push(l) });
    sender.send({ n: 1 });
    await sender.idle(5_000);
    expect(sender.stats().failed).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^webhook: giving up on a message to 127\.0\.0\.1:9 \(/);
  });

  it('does not retry a 404, which will not get better', async () => {
    const r = await receiver([404]);
    servers.push(r.server);
    const sender = new WebhookSender({ url: r.url, backoffMs: 10 });
    sender.send({ n: 1 });
    await sender.idle(5_000);
    expect(sender.stats()).toMatchObject({ delivered: 0, failed: 1 });
    expect(r.bodies).toEqual([]);
  });

  it('keeps a bounded queue, dropping the oldest messages when the receiver cannot keep up', async () => {
    const r = await receiver([], 200);
    servers.push(r.server);
    const sender = new WebhookSender({ url: r.url, maxQueue: 2 });
    for (let n = 1; n <= 5; n++) sender.send({ n });
    await sender.idle(5_000);
    // Message 1 was already in flight; 2 and 3 were dropped for 4 and 5.
    expect(r.bodies).toEqual([{ n: 1 }, { n: 4 }, { n: 5 }]);
    expect(sender.stats().dropped).toBe(2);
  });

  it('rejects a URL that is not http(s) when configured', () => {
    expect(() => new WebhookSender({ url: 'ftp://example.org/x' })).toThrow('webhook URL ftp://example.org/x must be http or https');
  });
});
