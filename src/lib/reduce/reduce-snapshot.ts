/**
 * The pure reduce pipeline after the inputs are read: content checks that need the config, the
 * ledger merge (in memory for replays and checks), the snapshot and the internal report.
 *
 *   reduceSnapshot({ config, content, ledger, metrics, now, ... }) → { snapshot, ledger, report }
 *
 * Decisions kept here, with their tests: services with a failed input are not judged for the ledger
 * (an unreadable input never opens, extends or closes an incident); a replay merges into the ledger
 * as known at `now`; a written communication named like a detected id is skipped.
 */
import type { Config } from '../config/schema';
import { checkDetectedLinks, type Communication } from '../content/communication';
import type { MaintenanceWindow } from '../content/maintenance';
import { nowSeconds, type Instant } from '../cycle/now';
import type { ServiceHealth } from '../health/engine';
import type { Grid } from '../health/grid';
import { ledgerAsOf, mergeEpisodes } from '../ledger/ledger';
import type { Ledger } from '../ledger/schema';
import { buildSnapshot, type HealthSummary } from '../snapshot/build';
import type { Snapshot } from '../snapshot/schema';
import { toZonedIso } from '../time/zone';
import type { LedgerMode } from './ledger-policy';
import type { Report } from './report';

/** One service as read and evaluated: its health and the notes of its assembly. */
export interface ReducedService {
  /** The evaluation, or its summary (what reduce keeps: memory bounded whatever the number of services). */
  health: ServiceHealth | HealthSummary;
  notes: readonly { metric: string; note: string }[];
}

/** An input that could not be read. */
export interface InputError {
  service: string;
  metric: string;
  path: string;
  message: string;
}

/** What was read from the inputs. */
export interface ReduceMetrics {
  services: readonly ReducedService[];
  errors: readonly InputError[];
  filesRead: number;
}

export interface ReduceContent {
  incidents: readonly Communication[];
  maintenance: readonly MaintenanceWindow[];
  errors: readonly string[];
  warnings: readonly string[];
}

export interface ReduceSnapshotInput {
  config: Config;
  content: ReduceContent;
  /** The ledger as read (empty when there is none). */
  ledger: Ledger;
  metrics: ReduceMetrics;
  now: Instant;
  /** The evaluated window (its start bounds what the detected episodes cover). */
  grid: Grid;
  mode: LedgerMode;
  /** sha256 of the inputs. */
  digest: string;
  /** Wall-clock seconds of this run (valid_until counts from it). */
  builtAt: number;
}

export interface ReduceSnapshotOutput {
  snapshot: Snapshot;
  /** The ledger after the merge; `write` says whether the shell must write it. */
  ledger: Ledger;
  write: boolean;
  report: Report;
  /** One-line messages for stderr (content problems, input errors). */
  messages: string[];
  /** 0 all inputs read, 1 some inputs failed (their metrics are unknown). */
  exitCode: 0 | 1;
}

/** True when a communication's id has the form of a detected incident id of a configured service. */
export function collidesWithDetectedId(id: string, serviceIds: readonly string[]): boolean {
  const m = /^\d{4}-\d{2}-\d{2}-([a-z][a-z0-9-]*)-\d+$/.exec(id);
  return m !== null && serviceIds.includes(m[1]!);
}

/** Written communications minus those named like a detected id (each with its one-line error). */
export function usableCommunications(communications: readonly Communication[], serviceIds: readonly string[]): { kept: Communication[]; errors: string[] } {
  const kept: Communication[] = [];
  const errors: string[] = [];
  for (const c of communications) {
    if (!collidesWithDetectedId(c.id, serviceIds)) kept.push(c);
    else errors.push(`${c.file}: the file name "${c.id}" has the form of a detected incident id (<date>-<service>-<n>) — rename it, e.g. ${c.id.replace(/-\d+$/, '-storing')}.md, and link it with detected_incident: ${c.id}; the file is skipped`);
  }
  return { kept, errors };
}

/** Services whose history may change the ledger: evaluated, with every input read. */
export function judgedServices(metrics: ReduceMetrics): string[] {
  const failed = new Set(metrics.errors.map((e) => e.service));
  return metrics.services.map((s) => s.health.serviceId).filter((id) => !failed.has(id));
}

/** Runs the pure part of a reduce (see the module comment). */
export function reduceSnapshot(input: ReduceSnapshotInput): ReduceSnapshotOutput {
  const { config, metrics, now, mode } = input;
  const tz = config.site.time_zone;
  const t = nowSeconds(now);
  const serviceIds = config.services.map((s) => s.id);
  // A replay shows what was written by its `now`, not the communications of later days.
  const written = mode === 'write' ? input.content.incidents : input.content.incidents.filter((c) => c.start <= t);
  const communications = usableCommunications(written, serviceIds);
  const contentErrors = [...input.content.errors, ...communications.errors];

  const judged = judgedServices(metrics);
  const episodes = metrics.services.filter((s) => judged.includes(s.health.serviceId)).flatMap((s) => s.health.episodes);
  const base = mode === 'write' ? input.ledger : ledgerAsOf(input.ledger, t);
  const merged = mergeEpisodes(base, episodes, { now: t, coveredFrom: input.grid.start, timeZone: tz, services: judged });
  const changed = merged.added.length > 0 || merged.updated.length > 0;
  // A communication linked to a detected incident the ledger does not hold is rejected (a typo, or a deleted ledger);
  // a replay knows the whole ledger, not only what it shows.
  const links = checkDetectedLinks(communications.kept, new Set([...input.ledger.incidents, ...merged.ledger.incidents].map((e) => e.id)));
  contentErrors.push(...links.errors);
  const messages = [...contentErrors, ...input.content.warnings];
  for (const e of metrics.errors) messages.push(`${e.path}: ${e.message} (service ${e.service}, metric ${e.metric} is unknown)`);

  const snapshot = buildSnapshot({
    config,
    now,
    healths: metrics.services.map((s) => s.health),
    ledger: merged.ledger,
    communications: links.kept,
    maintenance: input.content.maintenance,
    digest: input.digest,
    builtAt: input.builtAt,
  });
  const report: Report = {
    generated_at: toZonedIso(t, tz),
    replay: now.replay,
    files_read: metrics.filesRead,
    input_errors: [...metrics.errors],
    content_errors: contentErrors,
    content_warnings: [...input.content.warnings],
    notes: metrics.services.flatMap((s) => s.notes.map((n) => ({ service: s.health.serviceId, metric: n.metric, note: n.note }))),
    ledger: { added: merged.added, updated: merged.updated, write: mode === 'write' ? (changed ? 'written' : 'unchanged') : `not written (${mode})` },
    services: snapshot.services.map((s) => ({ id: s.id, level: s.level, score: s.score, data_until: s.data_until })),
    cache: null,
    timings_ms: {},
  };
  return { snapshot, ledger: merged.ledger, write: mode === 'write' && changed, report, messages, exitCode: metrics.errors.length > 0 ? 1 : 0 };
}
