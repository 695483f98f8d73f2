/**
 * Which column of a file a metric's `ds:` names, and the one-line configuration error when the file
 * has no such column. Never a guess: a file with one column whose name is not the configured one is
 * an error too (`errors.rrd` configured as calls must not be read as calls).
 *
 * What names a column: the DS name in a binary `.rrd`, a `dump` and `fetch` text; the legend in an
 * xport or graph export (`XPORT:vname:legend`; the vname is not in the output), `col1`, `col2` …
 * for a column exported without a legend.
 */
import type { SourceFormat } from '../rrd/series';
import { didYouMean, formatPath, type Position } from './friendly-errors';

/** Index of `ds` among `columns` (exact, else ignoring surrounding spaces); -1 when absent. */
export function dsColumn(columns: readonly string[], ds: string): number {
  const exact = columns.indexOf(ds);
  if (exact >= 0) return exact;
  return columns.findIndex((c) => c.trim() === ds);
}

const EXPORTS: ReadonlySet<SourceFormat> = new Set(['xport-xml', 'xport-json', 'graph-csv']);

/** Where the `ds:` key of a metric is written in the config (for the message). */
export interface DsKeyPlace {
  /** The config file as the user named it, e.g. data/status.yaml. */
  file: string;
  /** Position of the `ds:` key; absent when unknown (the config was not read from a file). */
  position?: Position;
  /** Key path, e.g. ["services", 0, "metrics", 1, "ds"]. */
  path: readonly (string | number)[];
}

/**
 * The problem and its fix, after the data file's name: `no data source "cals" in this file (it has:
 * calls, errors) — did you mean "calls"? Set ds: at data/status.yaml:12:13 (services[0].metrics[0].ds) to one of them`.
 */
export function missingDsMessage(ds: string, columns: readonly string[], format: SourceFormat, place: DsKeyPlace): string {
  // Legends are free text from the file: one line, bounded, whatever they hold.
  const names = columns.map((c) => {
    const flat = c.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
    return flat.length > NAME_CHARS ? `${flat.slice(0, NAME_CHARS - 1)}…` : flat;
  });
  const shown = names.length > LISTED ? `${names.slice(0, LISTED).join(', ')} … (${names.length} in all)` : names.join(', ');
  const at = place.position === undefined ? `of ${formatPath(place.path)} in ${place.file}` : `at ${place.file}:${place.position.line}:${place.position.col} (${formatPath(place.path)})`;
  const hint = didYouMean(ds, names);
  const set = hint === undefined ? 'set' : `did you mean "${hint}"? Set`;
  if (EXPORTS.has(format)) {
    return `no column with the legend "${ds}" in this export (its legends: ${shown}) — ${set} ds: ${at} to the legend of the column to read, or export that column with the legend "${ds}" (XPORT:vname:${ds}).`;
  }
  return `no data source "${ds}" in this file (it has: ${shown}) — ${set} ds: ${at} to one of them.`;
}

/** Names listed in the message at most (a file may hold hundreds of data sources). */
const LISTED = 12;
/** Characters shown of one name (an export legend may be a long text). */
const NAME_CHARS = 40;
