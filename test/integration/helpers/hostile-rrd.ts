/**
 * Hostile variants of a real binary .rrd for the hardening tests: rows overwritten with noise, text,
 * zeros or a fixed value, header fields patched. Offsets follow the LP64 layout of RRD-FORMATS.md §5.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { openRrd } from '../../../src/lib/rrd/binary';
import { bytesSource } from '../../../src/lib/rrd/series';

/** Where the header ends and the rows begin, and where the last_update field sits. */
export function layout(bytes: Uint8Array): { dataAt: number; liveAt: number; rraAt: number } {
  const db = openRrd(bytesSource(bytes), 'layout');
  const ds = db.meta.ds.length;
  const rra = db.meta.rras.length;
  const rraAt = 128 + 120 * ds;
  const liveAt = rraAt + 120 * rra;
  return { dataAt: liveAt + 16 + 112 * ds + 80 * ds * rra + 8 * rra, liveAt, rraAt };
}

/** Deterministic pseudo-random bytes (xorshift), so a failure replays; a zero seed counts as 1 (xorshift of 0 stays 0). */
export function noise(length: number, seed = 11): Uint8Array {
  let x = seed || 1;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Rewrites every row of the file with `fill(length)`. */
export function overwriteRows(path: string, fill: (length: number) => Uint8Array): void {
  const bytes = new Uint8Array(readFileSync(path));
  const { dataAt } = layout(bytes);
  bytes.set(fill(bytes.length - dataAt).subarray(0, bytes.length - dataAt), dataAt);
  writeFileSync(path, bytes);
}

/** Bytes of doubles all equal to `x`. */
export function doubles(x: number): (length: number) => Uint8Array {
  return (length) => new Uint8Array(new Float64Array(Math.ceil(length / 8)).fill(x).buffer).subarray(0, length);
}

/** Text bytes (foreign data copied over the rows). */
export function text(length: number): Uint8Array {
  const line = new TextEncoder().encode('2025-11-04 15:30:00 GET /api/v1/dossier 200 0.041s pharmacy=1234\n');
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = line[i % line.length]!;
  return out;
}

/** Sets last_update (epoch s) in the header. */
export function setLastUpdate(path: string, epoch: number): void {
  const bytes = new Uint8Array(readFileSync(path));
  const { liveAt } = layout(bytes);
  new DataView(bytes.buffer).setBigInt64(liveAt, BigInt(Math.floor(epoch)), true);
  writeFileSync(path, bytes);
}

/** Sets the row count of RRA `index`; returns the size the file would then need. */
export function setRows(path: string, index: number, rows: number): number {
  const bytes = new Uint8Array(readFileSync(path));
  const { rraAt, dataAt } = layout(bytes);
  const view = new DataView(bytes.buffer);
  const db = openRrd(bytesSource(bytes), 'layout');
  view.setBigUint64(rraAt + 120 * index + 24, BigInt(rows), true);
  writeFileSync(path, bytes);
  const ds = db.meta.ds.length;
  return dataAt + db.meta.rras.reduce((sum, r, i) => sum + (i === index ? rows : r.rows) * ds * 8, 0);
}
