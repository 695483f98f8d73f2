/**
 * The derived state kept between reduce runs (the every-minute loop), and on disk across restarts
 * (reduce-state.ts): per metric, the combined minute history as running aggregates, and per file
 * how far its rows were taken in. A changed file is read only after that point; an unchanged one
 * (same size and mtime) whose rows were taken in as far as the window reaches is not read at all, and the coarse 5-min / 1-h RRAs are read only when a
 * file is new, so history once seen at 1 min stays at 1 min. The marks of a file that vanished are
 * kept: if it comes back, its rows are not counted twice.
 */
import type { MinuteAggregate } from '../../src/lib/health/aggregate';
import type { WallClock } from '../../src/lib/health/grid';
import type { IngestMark } from '../../src/lib/reduce/ingest';

/** How far the rows of one input file were taken into its metric's aggregate (the decisions on it: src/lib/reduce/ingest.ts). */
export type FileMark = IngestMark;

/** One metric's history: its aggregates and the files that fed them. */
export interface MetricState {
  /** The metric's config and data dir: any change rebuilds the history from the files. */
  configKey: string;
  agg: MinuteAggregate;
  files: Map<string, FileMark>;
}

/** What was kept of a service's last evaluation, and the key of what it depended on (collect.ts). */
export interface ServiceReuse {
  key: string;
  kept: unknown;
  /** The notes of the service-wide artifact clamp of that evaluation (the same inputs clamp the same). */
  notes: readonly { metric: string; note: string }[];
}

const ids = new WeakMap<object, number>();
let nextId = 1;

/** A number naming one aggregate object for the process's life: a rebuilt or re-based history has a new one. */
export function aggregateId(agg: MinuteAggregate): number {
  let id = ids.get(agg);
  if (id === undefined) {
    id = nextId++;
    ids.set(agg, id);
  }
  return id;
}

export class ReduceCache {
  /** Per metric, keyed "<service id>/<metric key>". */
  readonly metrics = new Map<string, MetricState>();
  /** Per service id, its last evaluation's summary (reused while its inputs and evaluated grid stay the same). */
  readonly services = new Map<string, ServiceReuse>();
  /** Service evaluations reused, over the cache's life. */
  reused = 0;
  /** Wall clocks per time zone, holiday calendar and grid start, made up to the end of the grid's UTC day (collect.ts). */
  readonly clocks = new Map<string, WallClock>();
  /** Files not read again (unchanged) / read (new, changed or cold), over the cache's life. */
  hits = 0;
  misses = 0;
  /** True when the state changed since it was last saved or loaded. */
  dirty = false;
  /** True once a state file was tried (loaded or rejected), so it is read at most once per process. */
  stateTried = false;
  /** True once a consistent state of this cache is on disk (loaded or saved): later saves may then wait. */
  onDisk = false;
  /** Runs that changed the state since it was last written (the state is saved every few, see reduce-state.ts). */
  unsavedRuns = 0;
}
