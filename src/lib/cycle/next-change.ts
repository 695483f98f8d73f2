/**
 * When a snapshot can change without new input, and so how long it is valid. Pure.
 *
 * With the same inputs (files, config, content, ledger) the snapshot moves only with time: a metric
 * passing `stale_after_seconds` (its service turns grey), each full hour (a grey service's evaluation
 * moves on: reduce/evaluation-end.ts), a maintenance window's edges and its announcement, and the
 * day (local and UTC: the uptime bars and the window's grid start). `nextChange` is the first of
 * these after `now`, never more than an hour away; `npm start` sleeps until then unless data lands,
 * and `valid_until` is that instant plus `snapshot_valid_seconds` — so a stopped fluxstatus turns
 * its pages grey for clients at most `snapshot_valid_seconds` after the instant its status could
 * have changed by itself (with data flowing: the newest data it read + `stale_after_seconds` + 1 min +
 * `snapshot_valid_seconds`), and an unchanged site is never rendered again only to renew it.
 */
import type { MaintenanceWindow } from '../content/maintenance';
import { localDayStartPlus, parseIso } from '../time/zone';

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;

/**
 * The instant (epoch s) each metric turns stale without new data: its newest known row stamp plus
 * `staleRows` + 1 minutes (signals.ts: stale when i − newest > staleRows); −Infinity when it never had
 * data. `gridStart` is the stamp of row 0.
 */
export function staleInstants(series: readonly Float64Array[], gridStart: number, staleRows: number): number[] {
  return series.map((values) => {
    for (let i = values.length - 1; i >= 0; i--) {
      const v = values[i]!;
      if (v === v && v !== Infinity && v !== -Infinity) return gridStart + (i + staleRows + 1) * MINUTE;
    }
    return Number.NEGATIVE_INFINITY;
  });
}

/** What can move a snapshot with time alone. */
export interface ChangeInput {
  /** The evaluated instant, epoch s. */
  now: number;
  /** Every metric's stale instant (staleInstants), all services. */
  staleAt: readonly number[];
  maintenance: readonly Pick<MaintenanceWindow, 'start' | 'end' | 'announced_at' | 'file_time'>[];
  timeZone: string;
}

/** The first instant after `now` (epoch s) at which the snapshot could change without new input; at most an hour ahead. */
export function nextChange(input: ChangeInput): number {
  const { now } = input;
  const candidates: number[] = [Math.floor(now / HOUR) * HOUR + HOUR, Math.floor(now / DAY) * DAY + DAY, localDayStartPlus(now, 1, input.timeZone)];
  for (const t of input.staleAt) candidates.push(t);
  // A window's status moves at its start and end; its flags reach the grid one row after the minute it starts (maintenance-flags.ts).
  const row = (t: number): number => Math.ceil(t / MINUTE) * MINUTE + MINUTE;
  for (const m of input.maintenance) {
    candidates.push(m.start, m.end, row(m.start), row(m.end));
    if (m.announced_at !== null) candidates.push(parseIso(m.announced_at));
    if (m.file_time !== null) candidates.push(m.file_time);
  }
  let next = now + HOUR;
  for (const t of candidates) if (t > now && t < next) next = t;
  return next;
}

/**
 * `valid_until` (epoch s) of a snapshot evaluated at `now`, built at wall-clock `builtAt`, whose status
 * could next change at `changeAt`: that instant on the wall clock (a replay's `now` is not the wall
 * clock) plus `validSeconds`.
 */
export function validUntil(builtAt: number, now: number, changeAt: number, validSeconds: number): number {
  return builtAt + (changeAt - now) + validSeconds;
}

/**
 * The instant (epoch ms) to run the next cycle without new data, seen at wall-clock `wallMs`, for the
 * snapshot that stays published: `valid_until` minus `snapshot_valid_seconds` (the instant its status
 * could change by itself) — or, when that instant has passed (a skipped build kept an older site whose
 * change came and changed nothing public), `leadMs` before its valid_until, so that a cycle renews it
 * before it expires (a blue or grey site must not turn "data delayed" only because it was not renewed).
 */
export function nextChangeOf(validUntilIso: string, validSeconds: number, wallMs = Number.NEGATIVE_INFINITY, leadMs = 0): number {
  const until = parseIso(validUntilIso) * 1000;
  const change = until - validSeconds * 1000;
  return change > wallMs ? change : Math.max(wallMs + 1000, until - leadMs);
}
