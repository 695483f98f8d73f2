/**
 * Measuring helpers for the cycle bench: peak resident memory of this process and its children
 * (Astro runs as a child), sampled from /proc while a step runs.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory (bytes) of a pid from /proc, 0 when gone. */
function rss(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? 0 : Number(m[1]) * 1024;
  } catch {
    return 0;
  }
}

/** Sum of the RSS of this process and all its descendants. */
function treeRss(): { self: number; children: number } {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch {
      /* gone */
    }
  }
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) if (!mine.has(pid) && mine.has(ppid)) (mine.add(pid), (grew = true));
  }
  let children = 0;
  for (const pid of mine) if (pid !== process.pid) children += rss(pid);
  return { self: rss(process.pid), children };
}

/** The result of a measured step. */
export interface Measured<T> {
  value: T;
  ms: number;
  /**
   * Peak RSS of this process since it started (reduce runs here, synchronously, so sampling cannot see
   * inside it: the kernel's high-water mark is used) and of the children during the step (Astro), MiB.
   */
  peakSelfMiB: number;
  peakChildrenMiB: number;
}

/** Runs `step`, sampling memory every 100 ms. */
export async function measure<T>(step: () => Promise<T>): Promise<Measured<T>> {
  let self = 0;
  let children = 0;
  const sample = (): void => {
    const r = treeRss();
    self = Math.max(self, r.self);
    children = Math.max(children, r.children);
  };
  sample();
  const timer = setInterval(sample, 100);
  const t = performance.now();
  try {
    const value = await step();
    return { value, ms: performance.now() - t, peakSelfMiB: Math.round(Math.max(self, process.resourceUsage().maxRSS * 1024) / 2 ** 20), peakChildrenMiB: Math.round(children / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}
