/** Timing and memory sampling for the reader benchmark. */

/** One timed pass over a set of files. */
export interface Pass {
  seconds: number;
  /** CPU seconds (user + system) of the pass: less sensitive than wall time to other load on the machine. */
  cpuSeconds: number;
  /** Wall and CPU seconds spent inside the part of `work` it reports through `timed` (e.g. parsing only). */
  innerSeconds: number;
  innerCpuSeconds: number;
  bytes: number;
  files: number;
  /** Highest RSS / heapUsed seen during the pass, in bytes. */
  peakRss: number;
  peakHeap: number;
  /** Highest heapUsed seen by the time 1/4, 1/2 and all of the files were read: flat = bounded memory. */
  heapByProgress: [number, number, number];
}

/** What a work function gets: a way to time its inner part (parse without I/O). */
export interface Timer {
  timed<T>(fn: () => T): T;
}

const SAMPLE_EVERY = 25;

/** Runs `work` on every path once; `work` returns the number of input bytes it consumed. */
export function runPass(paths: readonly string[], work: (path: string, timer: Timer) => number): Pass {
  let inner = 0;
  let innerCpu = 0;
  const timer: Timer = {
    timed(fn) {
      const c = process.cpuUsage();
      const t = performance.now();
      try {
        return fn();
      } finally {
        inner += performance.now() - t;
        const used = process.cpuUsage(c);
        innerCpu += used.user + used.system;
      }
    },
  };
  let bytes = 0;
  let peakRss = 0;
  let peakHeap = 0;
  const byProgress: [number, number, number] = [0, 0, 0];
  const sample = (i: number) => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    const slot = i < paths.length / 4 ? 0 : i < paths.length / 2 ? 1 : 2;
    for (let s = slot; s < 3; s++) byProgress[s] = Math.max(byProgress[s]!, m.heapUsed);
  };
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < paths.length; i++) {
    bytes += work(paths[i]!, timer);
    if (i % SAMPLE_EVERY === 0) sample(i);
  }
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  sample(paths.length - 1);
  return { seconds, cpuSeconds, innerSeconds: inner / 1000, innerCpuSeconds: innerCpu / 1e6, bytes, files: paths.length, peakRss, peakHeap, heapByProgress: byProgress };
}

/** Runs `repeats` passes and returns the one with the median time (its memory figures come along). */
export function medianPass(repeats: number, pass: () => Pass): Pass {
  const passes = Array.from({ length: repeats }, pass).sort((a, b) => a.seconds - b.seconds);
  return passes[Math.floor((passes.length - 1) / 2)]!;
}
