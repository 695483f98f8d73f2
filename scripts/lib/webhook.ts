/**
 * Fire-and-forget webhook delivery: a bounded in-memory queue drained by one worker, each POST retried
 * with exponential backoff. `send()` never waits and never throws, so a slow or dead receiver can
 * never delay a rebuild; when the queue is full the oldest message is dropped (and counted) because
 * the newest one describes what the public sees now.
 */

/** Options of the webhook sender. */
export interface WebhookOptions {
  url: string;
  /** Attempts per message, including the first (default 5). */
  maxAttempts?: number;
  /** First retry delay; doubled each retry (default 1 s). */
  backoffMs?: number;
  /** Longest retry delay (default 60 s). */
  maxBackoffMs?: number;
  /** Timeout of one POST (default 10 s). */
  timeoutMs?: number;
  /** Messages waiting at most (default 50). */
  maxQueue?: number;
  /** Where delivery problems are reported (one line each). */
  log?: (line: string) => void;
}

/** Delivery counters, for the cycle log and tests. */
export interface WebhookStats {
  delivered: number;
  failed: number;
  dropped: number;
  queued: number;
}

/** A webhook sender with a bounded queue. */
export class WebhookSender {
  readonly #opts: Required<Omit<WebhookOptions, 'log'>> & { log: (line: string) => void };
  readonly #queue: string[] = [];
  #worker: Promise<void> | null = null;
  readonly #stats = { delivered: 0, failed: 0, dropped: 0 };

  constructor(options: WebhookOptions) {
    const url = new URL(options.url); // throws early on a malformed URL
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`webhook URL ${options.url} must be http or https`);
    this.#opts = {
      maxAttempts: 5,
      backoffMs: 1_000,
      maxBackoffMs: 60_000,
      timeoutMs: 10_000,
      maxQueue: 50,
      log: () => undefined,
      ...options,
    };
  }

  /** Queues one JSON message and returns at once. */
  send(payload: unknown): void {
    if (this.#queue.length >= this.#opts.maxQueue) {
      this.#queue.shift();
      this.#stats.dropped++;
      this.#opts.log(`webhook: queue full (${this.#opts.maxQueue}), dropped the oldest message`);
    }
    this.#queue.push(JSON.stringify(payload));
    this.#worker ??= this.#drain().finally(() => {
      this.#worker = null;
    });
  }

  /** Counters so far. */
  stats(): WebhookStats {
    return { ...this.#stats, queued: this.#queue.length };
  }

  /** Waits until the queue is empty or `timeoutMs` passed (for a one-shot build before exit, and tests). */
  async idle(timeoutMs = 30_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((r) => {
      timer = setTimeout(() => r(false), timeoutMs);
    });
    try {
      while (this.#worker !== null) {
        const done = await Promise.race([this.#worker.then(() => true), deadline]);
        if (!done) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }

  async #drain(): Promise<void> {
    for (let body = this.#queue.shift(); body !== undefined; body = this.#queue.shift()) {
      await this.#deliver(body);
    }
  }

  async #deliver(body: string): Promise<void> {
    const { url, maxAttempts, backoffMs, maxBackoffMs, timeoutMs, log } = this.#opts;
    let problem = '';
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'fluxstatus-webhook' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) {
          this.#stats.delivered++;
          return;
        }
        problem = `HTTP ${res.status}`;
        // A 4xx other than 408/429 will not get better by retrying.
        if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) break;
      } catch (e) {
        problem = (e as Error).message;
      }
      if (attempt < maxAttempts) {
        const delay = Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1));
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    this.#stats.failed++;
    log(`webhook: giving up on a message to ${new URL(url).host} (${problem})`);
  }
}
