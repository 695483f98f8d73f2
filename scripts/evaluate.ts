/**
 * Replays a labelled corpus through the health engine and scores it against its ground truth.
 *
 *   npm run evaluate -- --truth ground-truth.json [--config FILE] [--data DIR] [--now ISO-8601] [--json]   (--help lists them)
 *
 * The engine is causal (the level of minute m uses only data ≤ m), so one pass over the window
 * gives exactly the levels a minute-by-minute replay would show.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseOptions, usageText, USAGE_EXIT, type OptionTable } from '../src/lib/cli/options';
import type { Config } from '../src/lib/config/schema';
import { scoreEpisodes, type EvaluationResult, type LevelTimeline } from '../src/lib/evaluate/match';
import { TruthSchema, type Truth } from '../src/lib/evaluate/truth';
import { gridBetween } from '../src/lib/health/grid';
import { parseIso, toZonedIso } from '../src/lib/time/zone';
import { collectHealth } from './lib/collect';
import { loadConfigFile } from './lib/load-config';

export interface EvaluateOptions {
  config: string;
  data: string;
  truth: string;
  now?: number;
}

/** Thrown for bad arguments or inputs; the message is one line with the fix. */
export class EvaluateError extends Error {}

/** Maps a truth service name to a config service id (by id or any localized name, case-insensitively). */
export function serviceIdFor(config: Config, name: string): string | undefined {
  const n = name.toLowerCase();
  return config.services.find((s) => s.id.toLowerCase() === n || Object.values(s.name).some((v) => v.toLowerCase() === n))?.id;
}

/** Runs the evaluation and returns the scores (truth service names in the episodes). */
export function evaluate(options: EvaluateOptions): EvaluationResult & { timeZone: string } {
  const loaded = loadConfigFile(options.config);
  if (!loaded.ok) throw new EvaluateError(loaded.errors.join('\n'));
  const config = loaded.config;
  let truth: Truth;
  try {
    const parsed = TruthSchema.safeParse(JSON.parse(readFileSync(options.truth, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EvaluateError(`${options.truth}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'} — give a ground-truth.json with window and incidents.`);
    }
    truth = parsed.data;
  } catch (error) {
    if (error instanceof EvaluateError) throw error;
    throw new EvaluateError(`${options.truth}: cannot read the ground truth (${error instanceof Error ? error.message.split('\n')[0] : String(error)}) — check the path.`);
  }
  const now = options.now ?? truth.window.end_epoch;
  const grid = gridBetween(truth.window.start_epoch, now);
  const result = collectHealth(config, { dataDir: options.data, grid });
  const idToTruth = new Map<string, string>();
  for (const t of truth.incidents) {
    const id = serviceIdFor(config, t.service);
    if (id === undefined) throw new EvaluateError(`${options.truth}: service "${t.service}" of ${t.id} matches no service id or name in ${options.config} — rename it or add the service.`);
    idToTruth.set(id, t.service);
  }
  const timelines = new Map<string, LevelTimeline>();
  const episodes = result.services.flatMap(({ health }) => {
    const name = idToTruth.get(health.serviceId) ?? health.serviceId;
    timelines.set(name, { start: grid.start, levels: health.dwell.levels });
    return health.episodes.map((e) => ({ service_id: name, start: e.start, end: e.end }));
  });
  return { ...scoreEpisodes(truth.incidents, episodes, timelines, now), timeZone: config.site.time_zone };
}

const fmtS = (s: number | null): string => (s === null ? '—' : `${s > 0 ? '+' : ''}${s} s`);

/** The human-readable table. */
export function formatTable(r: EvaluationResult, truth: Truth, timeZone: string): string {
  const lines = ['incident  service      expected  found  start err  end err   delay  from onset  rows at end', '--------  -----------  --------  -----  ---------  --------  -------  ----------  -----------'];
  r.incidents.forEach((s, k) => {
    const t = truth.incidents[k]!;
    const expected = t.is_service_incident ? 'incident' : 'ignore';
    const verdict = t.is_service_incident ? (s.found ? 'found' : 'MISSED') : s.found ? 'WRONG' : 'ok';
    lines.push(`${s.id.padEnd(8)}  ${t.service.padEnd(11)}  ${expected.padEnd(8)}  ${verdict.padEnd(5)}  ${fmtS(s.start_error_s).padStart(9)}  ${fmtS(s.end_error_s).padStart(8)}  ${fmtS(s.delay_s).padStart(7)}  ${(t.onset_epoch === undefined ? '' : fmtS(s.onset_delay_s)).padStart(10)}  ${t.archive_at_end ?? ''}`.trimEnd());
  });
  lines.push('');
  if (r.false_incidents.length === 0) lines.push('false incidents: none');
  else {
    lines.push(`false incidents: ${r.false_incidents.length}`);
    for (const f of r.false_incidents) lines.push(`  ${f.service.padEnd(11)}  ${toZonedIso(f.start, timeZone)} → ${f.end === null ? 'ongoing' : toZonedIso(f.end, timeZone)}`);
  }
  lines.push(`precision ${r.precision.toFixed(3)}  recall ${r.recall.toFixed(3)}`);
  return lines.join('\n');
}

const OPTIONS = {
  config: { type: 'string', value: 'FILE', help: 'config file (default data/status.yaml)' },
  data: { type: 'string', value: 'DIR', help: 'data directory of the labelled corpus (default data)' },
  truth: { type: 'string', value: 'FILE', help: 'the ground-truth.json of the corpus (required)' },
  now: { type: 'string', value: 'ISO', help: 'evaluate up to this ISO-8601 instant with offset (default: the end of the truth window)' },
  json: { type: 'boolean', help: 'print the scores as JSON instead of the table' },
} as const satisfies OptionTable;

export const EVALUATE_USAGE = usageText('npm run evaluate -- --truth FILE [options]', OPTIONS, ['exit codes: 0 ok, 2 bad usage or unusable input']);

/** Parses argv (without node and script): the options, `help`, or the one-line error. */
export function parseEvaluateArgs(argv: readonly string[]): { ok: true; args: EvaluateOptions & { json: boolean } } | { ok: false; error: string } | { ok: false; help: true } {
  const parsed = parseOptions(OPTIONS, argv);
  if (!parsed.ok) return parsed;
  const v = parsed.values;
  if (v.truth === undefined) return { ok: false, error: '--truth is required: give the ground-truth.json of the labelled corpus; see --help' };
  const args: EvaluateOptions & { json: boolean } = { config: v.config ?? 'data/status.yaml', data: v.data ?? 'data', truth: v.truth, json: v.json === true };
  if (v.now !== undefined) {
    const t = parseIso(v.now);
    if (Number.isNaN(t)) return { ok: false, error: `--now "${v.now}" is not an ISO-8601 time with offset; use e.g. 2025-11-04T15:30:30+01:00` };
    args.now = t;
  }
  return { ok: true, args };
}

function main(): void {
  const parsed = parseEvaluateArgs(process.argv.slice(2));
  if (!parsed.ok) {
    if ('help' in parsed) process.stdout.write(`${EVALUATE_USAGE}\n`);
    else {
      process.stderr.write(`evaluate: ${parsed.error}\n`);
      process.exitCode = USAGE_EXIT;
    }
    return;
  }
  const args = parsed.args;
  try {
    const r = evaluate(args);
    const { timeZone, ...result } = r;
    if (args.json) process.stdout.write(`${JSON.stringify({ incidents: result.incidents, false_incidents: result.false_incidents, precision: result.precision, recall: result.recall })}\n`);
    else {
      const truth = TruthSchema.parse(JSON.parse(readFileSync(args.truth, 'utf8')));
      process.stdout.write(`${formatTable(result, truth, timeZone)}\n`);
    }
  } catch (error) {
    process.stderr.write(`evaluate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
