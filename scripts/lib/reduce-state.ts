/**
 * The reduce cache on disk (.fluxstatus/state/reduce-state.bin), so a restart keeps the minute
 * history and reads only what is new. Layout: "FLXSTATE" magic, uint32 LE header length, the JSON
 * header (zod-validated), then per metric its compact aggregate (src/lib/health/aggregate.ts):
 * the per-hour block tables, then the narrow and the wide cells (little-endian). A missing, corrupt
 * or incompatible file (an older version included) is ignored with a one-line message: the history
 * is then rebuilt from the RRDs (never a crash, never data taken on trust: the body's sha256 must
 * match the header).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'astro/zod';
import { endianness } from 'node:os';
import { writeFileAtomic } from './atomic-write';
import { aggregateFromParts, compacted, type MinuteAggregate } from '../../src/lib/health/aggregate';
import { ReduceCache, type FileMark, type MetricState } from './reduce-cache';

const MAGIC = 'FLXSTATE';
/** 5: coarse rows coded with their parity (row-span.ts); 4: compact aggregates (per-hour blocks of cells); 3 held five arrays per minute (~30 bytes a minute). */
const VERSION = 5;
/** Bytes per block (stride u8, kind u8), per narrow cell (value f64, span u16), per wide cell (sum f64, known i32, max f64, min f64, span u16). */
const BLOCK_BYTES = 2;
const NARROW_BYTES = 10;
const WIDE_BYTES = 30;

const HeaderSchema = z
  .object({
    format: z.literal('fluxstatus-reduce-state'),
    version: z.literal(VERSION),
    body_sha256: z.string().regex(/^[0-9a-f]{64}$/),
    metrics: z.array(
      z
        .object({
          key: z.string(),
          config_key: z.string(),
          start: z.number().int(),
          length: z.number().int().min(0).max(10_000_000),
          first_minute: z.number().int(),
          blocks: z.number().int().min(0).max(200_000),
          narrow_cells: z.number().int().min(0).max(10_000_000),
          wide_cells: z.number().int().min(0).max(10_000_000),
          files: z.array(z.tuple([z.string(), z.number().int().min(0), z.number().min(0), z.number(), z.number()])),
        })
        .strict(),
    ),
  })
  .strict();

/** The state file inside a state directory. */
export function stateFile(dir: string): string {
  return `${dir.replace(/\/+$/, '')}/reduce-state.bin`;
}

/** Serializes the cache's metric histories. */
export function serializeState(cache: ReduceCache): Uint8Array {
  const entries = [...cache.metrics.entries()];
  for (const [, m] of entries) compacted(m.agg);
  // Typed arrays are written as they are in memory: little-endian on every platform Node runs on here (checked on load).
  const view = (a: Float64Array | Int32Array | Uint16Array | Uint8Array, n: number): Buffer => Buffer.from(a.buffer, a.byteOffset, n * a.BYTES_PER_ELEMENT);
  const parts = (a: MinuteAggregate): Buffer[] => {
    const { narrow: n, wideCells: w } = a;
    return [view(a.stride, a.stride.length), view(a.wide, a.wide.length), view(n.value, n.used), view(n.span, n.used), view(w.sum, w.used), view(w.known, w.used), view(w.max, w.used), view(w.min, w.used), view(w.span, w.used)];
  };
  const body = Buffer.concat(entries.flatMap(([, m]) => parts(m.agg)));
  const header = {
    format: 'fluxstatus-reduce-state',
    version: VERSION,
    body_sha256: createHash('sha256').update(body).digest('hex'),
    metrics: entries.map(([key, m]) => ({ key, config_key: m.configKey, start: m.agg.start, length: m.agg.length, first_minute: m.agg.firstMinute, blocks: m.agg.stride.length, narrow_cells: m.agg.narrow.used, wide_cells: m.agg.wideCells.used, files: [...m.files].map(([p, f]) => [p, f.size, f.mtimeMs, f.until, f.newest]) })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  return Buffer.concat([head, json, body]);
}

/** Parses a state file's bytes into `cache`; returns the problem in words when it is not usable (cache then untouched). */
export function parseState(bytes: Buffer, cache: ReduceCache): string | null {
  if (endianness() !== 'LE') return 'this host is big-endian; the state is only kept on little-endian hosts';
  if (bytes.length < 12 || bytes.toString('latin1', 0, 8) !== MAGIC) return 'not a fluxstatus state file (bad magic)';
  const headerLength = bytes.readUInt32LE(8);
  if (12 + headerLength > bytes.length) return `truncated header (${bytes.length} bytes)`;
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength));
  } catch {
    return 'header is not valid JSON';
  }
  const parsed = HeaderSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `incompatible header (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`;
  }
  const header = parsed.data;
  const body = bytes.subarray(12 + headerLength);
  const expected = header.metrics.reduce((n, m) => n + m.blocks * BLOCK_BYTES + m.narrow_cells * NARROW_BYTES + m.wide_cells * WIDE_BYTES, 0);
  if (body.length !== expected) return `body is ${body.length} bytes, the header announces ${expected}`;
  if (createHash('sha256').update(body).digest('hex') !== header.body_sha256) return 'checksum mismatch (corrupt or half-written)';
  let off = 0;
  const take = (bytesPerRow: number, rows: number): ArrayBuffer => {
    // A copy, so the typed arrays are aligned whatever the header length.
    const part = new Uint8Array(bytesPerRow * rows);
    part.set(body.subarray(off, off + part.length));
    off += part.length;
    return part.buffer;
  };
  const metrics: [string, MetricState][] = [];
  for (const m of header.metrics) {
    const stride = new Uint8Array(take(1, m.blocks));
    const wide = new Uint8Array(take(1, m.blocks));
    const n = m.narrow_cells;
    const narrow = { value: new Float64Array(take(8, n)), span: new Uint16Array(take(2, n)), used: n, garbage: 0 };
    const w = m.wide_cells;
    const wideCells = { sum: new Float64Array(take(8, w)), known: new Int32Array(take(4, w)), max: new Float64Array(take(8, w)), min: new Float64Array(take(8, w)), span: new Uint16Array(take(2, w)), used: w, garbage: 0 };
    const agg = aggregateFromParts(m.start, m.length, m.first_minute, stride, wide, narrow, wideCells);
    if (typeof agg === 'string') return `${m.key}: ${agg}`;
    const files = new Map<string, FileMark>(m.files.map(([p, size, mtimeMs, until, newest]) => [p, { size, mtimeMs, until, newest }]));
    metrics.push([m.key, { configKey: m.config_key, agg, files }]);
  }
  for (const [key, state] of metrics) cache.metrics.set(key, state);
  cache.onDisk = true;
  return null;
}

/** Loads the state of `dir` into an empty cache once per process; a one-line message when it was ignored, else null. */
export function loadState(dir: string, cache: ReduceCache): string | null {
  if (cache.stateTried || cache.metrics.size > 0) return null;
  cache.stateTried = true;
  const path = stateFile(dir);
  if (!existsSync(path)) return null;
  let problem: string | null;
  try {
    problem = parseState(readFileSync(path), cache);
  } catch (error) {
    problem = `cannot read it (${error instanceof Error ? error.message : String(error)})`;
  }
  if (problem === null) return null;
  return `${path}: ${problem}; ignored — the minute history is rebuilt from the RRDs (delete the file to silence this)`;
}

/** Writes the state when it changed since the last load or save; a one-line message on failure, else null. */
export function saveState(dir: string, cache: ReduceCache): string | null {
  if (!cache.dirty) return null;
  if (endianness() !== 'LE') return null;
  const path = stateFile(dir);
  try {
    writeFileAtomic(path, serializeState(cache));
    cache.dirty = false;
    cache.onDisk = true;
    cache.unsavedRuns = 0;
    const entry = entryOf.get(cache);
    if (entry !== undefined) pending.delete(entry);
    return null;
  } catch (error) {
    return `${path}: could not save the reduce state (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); the next start reads the RRDs in full — check the directory's permissions and free space`;
  }
}

/** Changed runs after which the state is written again (about every 10 minutes in the loop). */
export const SAVE_EVERY_RUNS = 10;

/**
 * Saves the state at the end of a run, but only every `every` changed runs once a state is on disk:
 * the whole state is written with sha256 and fsync (~1 MB for the sample from a cold start, up to
 * ~1.7 MB per one-file metric once a loop has kept a whole window at 1 min), which at thousands of
 * metrics costs more each minute than reading the new rows. Waiting loses
 * nothing: the state on disk is always a consistent earlier one (aggregates and file marks of the
 * same moment), so a restart from it just reads the rows after its marks again. A deferred state is
 * also written when the process exits normally (process.exit, end of the event loop); after a crash
 * the next start reads at most `every` minutes of rows more. The ledger is not part of this state.
 */
export function saveStateEvery(dir: string, cache: ReduceCache, every: number = SAVE_EVERY_RUNS): string | null {
  if (!cache.dirty) return null;
  cache.unsavedRuns++;
  if (!cache.onDisk || cache.unsavedRuns >= every) return saveState(dir, cache);
  deferUntilExit(dir, cache);
  return null;
}

/** Writes a deferred state now (call it on shutdown); a one-line message on failure, else null. */
export function flushState(dir: string, cache: ReduceCache): string | null {
  return saveState(dir, cache);
}

/** Caches whose changes are not yet on disk, by state directory (weakly held: a dropped cache is not kept alive). */
interface Deferred {
  dir: string;
  cache: WeakRef<ReduceCache>;
}
const pending = new Set<Deferred>();
const entryOf = new WeakMap<ReduceCache, Deferred>();
let exitHooked = false;

function deferUntilExit(dir: string, cache: ReduceCache): void {
  const old = entryOf.get(cache);
  if (old !== undefined) pending.delete(old);
  const entry = { dir, cache: new WeakRef(cache) };
  entryOf.set(cache, entry);
  pending.add(entry);
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => {
    for (const { dir: d, cache: ref } of pending) {
      const c = ref.deref();
      // A state directory removed meanwhile (a test's temp dir) is not recreated.
      if (c !== undefined && existsSync(d)) saveState(d, c);
    }
  });
}
