/**
 * Where cycle lines go: one line per cycle on stdout (journald/cron-mail friendly), and, only when
 * stdout is a terminal, a self-erasing progress line during long phases such as a cold start.
 */
import { formatCycleLine, type CycleSummary } from '../../src/lib/cycle/log-line';

/** The output of the cycle loop. */
export interface CycleLog {
  /** One plain line (notes, warnings). */
  line(text: string): void;
  /** The line of a finished cycle. */
  cycle(summary: CycleSummary): void;
  /** Progress of a phase (`done` of `total` units); shown only on a TTY, at most 5 times a second. */
  progress(phase: string, done: number, total: number): void;
}

/** A log writing to a stream (stdout by default). */
export function createCycleLog(stream: NodeJS.WriteStream = process.stdout, nowMs: () => number = () => Date.now()): CycleLog {
  const tty = stream.isTTY === true;
  let shown = false;
  let lastDraw = 0;
  const clear = (): void => {
    if (shown) stream.write('\r\u001b[2K');
    shown = false;
  };
  return {
    line(text) {
      clear();
      stream.write(`${text}\n`);
    },
    cycle(summary) {
      clear();
      stream.write(`${formatCycleLine(summary)}\n`);
    },
    progress(phase, done, total) {
      if (!tty) return;
      const t = nowMs();
      if (done < total && t - lastDraw < 200) return;
      lastDraw = t;
      const pct = total > 0 ? Math.floor((100 * done) / total) : 0;
      const width = 24;
      const bar = '#'.repeat(Math.round((width * pct) / 100)).padEnd(width, '.');
      stream.write(`\r\u001b[2K${phase} [${bar}] ${done}/${total} (${pct}%)`);
      shown = true;
    },
  };
}
