/**
 * Reader benchmark: `npm run bench` or `npx tsx scripts/bench/readers.ts [--files N] [--dir DIR]
 * [--repeats R] [--ref-files M]`. Method and targets: docs/benchmarks.md.
 *
 * Generates N xport XML files (24 h at 60 s, 3 DSs) and, when rrdtool is installed, N binary .rrd
 * files, then times each reader over all files (median of R passes) next to a plain read of the same
 * bytes and a fast-xml-parser reference, all in this one run, on one core (Node's main thread).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { openRrd } from '../../src/lib/rrd/binary';
import { bytesSource } from '../../src/lib/rrd/series';
import { parseXportXml } from '../../src/lib/rrd/xport-xml';
import { readRrdFile } from '../lib/rrd-file';
import { BENCH_USAGE, parseBenchArgs } from './lib/args';
import { USAGE_EXIT } from '../../src/lib/cli/options';
import { hasRrdtool, writeRrdFiles, writeXportFiles } from './lib/generate';
import { medianPass, runPass, type Pass } from './lib/measure';
import { mbPerSecond, renderTable, type Row } from './lib/table';

const TARGET_MB_S = 200;
const TARGET_VS_FXP = 30;
const TARGET_BINARY_SECONDS = 2;
const PRODUCTION_FILES = 6000;

/** Keeps results alive so the engine cannot skip the work. */
let sink = 0;

/** The reference: fast-xml-parser builds the document, then the rows are copied into columns. */
const fxp = new XMLParser();
function referenceParse(bytes: Uint8Array): number {
  const doc = fxp.parse(new TextDecoder().decode(bytes)) as { xport: { data: { row: { t: unknown; v: unknown[] }[] } } };
  const rows = doc.xport.data.row;
  const times = new Float64Array(rows.length);
  const cols = [0, 1, 2].map(() => new Float64Array(rows.length));
  rows.forEach((row, i) => {
    times[i] = Number(row.t);
    row.v.forEach((v, c) => {
      const col = cols[c];
      if (col !== undefined) col[i] = Number(v);
    });
  });
  return times.length;
}

function main(): void {
  const parsed = parseBenchArgs(process.argv.slice(2));
  if (!parsed.ok) {
    if ('help' in parsed) console.log(BENCH_USAGE);
    else {
      console.error(`bench: ${parsed.error}`);
      process.exitCode = USAGE_EXIT;
    }
    return;
  }
  const args = parsed.args;
  const root = args.dir ?? mkdtempSync(join(tmpdir(), 'fluxstatus-bench-'));
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`fluxstatus reader benchmark — ${args.files} files per format, median of ${args.repeats} passes, Node ${process.version}, ${cpu}`);
  console.log(`files in ${root}${args.dir === undefined ? ' (temporary)' : ''}\n`);
  try {
    const rows: Row[] = [];
    const verdicts: string[] = [];
    const xml = writeXportFiles(join(root, 'xport'), args.files);
    const size = new Map(xml.map((p) => [p, statSync(p).size]));
    xml.forEach((p) => readFileSync(p)); // warm the page cache: every pass then reads from memory alike
    // One untimed pass over a few files first, so every reader is timed with its code already compiled.
    const passes = (paths: readonly string[], work: Parameters<typeof runPass>[1]): Pass => {
      runPass(paths.slice(0, 20), work);
      return medianPass(args.repeats, () => runPass(paths, work));
    };

    const plain = passes(xml, (p) => readFileSync(p).length);
    const ours = passes(xml, (p, timer) => {
      const bytes = readFileSync(p);
      sink += timer.timed(() => parseXportXml(bytes, p)).timestamps.length;
      return bytes.length;
    });
    const viaFile = passes(xml, (p) => {
      sink += readRrdFile(p).timestamps.length;
      return size.get(p) ?? 0;
    });
    const subset = xml.slice(0, Math.min(args.refFiles, xml.length));
    const oursSubset = passes(subset, (p, timer) => {
      const bytes = readFileSync(p);
      sink += timer.timed(() => parseXportXml(bytes, p)).timestamps.length;
      return bytes.length;
    });
    const reference = passes(subset, (p, timer) => {
      const bytes = readFileSync(p);
      sink += timer.timed(() => referenceParse(bytes));
      return bytes.length;
    });
    rows.push(
      { reader: 'plain read, xport XML (fs.readFileSync)', pass: plain },
      { reader: 'xport XML: read + parseXportXml', pass: ours },
      { reader: 'xport XML: parseXportXml only', pass: ours, inner: true },
      { reader: 'xport XML: readRrdFile (detect + parse)', pass: viaFile },
      { reader: `xport XML: parseXportXml only, ${subset.length} files`, pass: oursSubset, inner: true },
      { reader: `fast-xml-parser reference, ${subset.length} files`, pass: reference, inner: true, note: 'parse + copy to columns' },
    );
    // Verdicts use CPU time: one core's work, unaffected by other load on a shared machine.
    const parseRow: Row = { reader: '', pass: ours, inner: true };
    const parseMbS = mbPerSecond(parseRow, 'cpu');
    const vsFxp = mbPerSecond({ reader: '', pass: oursSubset, inner: true }, 'cpu') / mbPerSecond({ reader: '', pass: reference, inner: true }, 'cpu');
    verdicts.push(
      verdict(`xport XML parse ≥ ${TARGET_MB_S} MB/s on one core (CPU time)`, `${parseMbS.toFixed(0)} MB/s (wall ${mbPerSecond(parseRow).toFixed(0)} MB/s)`, parseMbS >= TARGET_MB_S),
      verdict(`xport XML ≥ ${TARGET_VS_FXP}× fast-xml-parser (same ${subset.length} files, CPU time)`, `${vsFxp.toFixed(1)}×`, vsFxp >= TARGET_VS_FXP),
      `read + parse takes ${(ours.cpuSeconds / plain.cpuSeconds).toFixed(1)}× the CPU time (${(ours.seconds / plain.seconds).toFixed(1)}× the wall time) of a plain read of the same bytes (target: within a few times)`,
      memoryVerdict('xport XML', ours),
    );

    if (hasRrdtool()) {
      const rrd = writeRrdFiles(join(root, 'rrd'), args.files);
      rrd.paths.forEach((p) => readFileSync(p));
      const start = rrd.lastUpdate - 86400;
      // Bytes a 24 h select touches: the header plus 1440 rows of 3 doubles.
      const sample = openRrd(bytesSource(readFileSync(rrd.paths[0]!)), 'sample');
      const window = sample.select({ start });
      const touched = headerLength(sample.meta.ds.length, sample.meta.rras.length) + window.timestamps.length * window.columns.length * 8;
      const plainRrd = passes(rrd.paths, (p) => readFileSync(p).length);
      const last24h = passes(rrd.paths, (p) => {
        sink += readRrdFile(p, { start }).timestamps.length;
        return touched;
      });
      rows.push(
        { reader: 'plain read, whole .rrd (fs.readFileSync)', pass: plainRrd },
        { reader: '.rrd: readRrdFile last 24 h', pass: last24h, note: `MB = header + window (${(touched / 1024).toFixed(0)} kB/file)` },
      );
      const at6000 = (last24h.cpuSeconds * PRODUCTION_FILES) / args.files;
      verdicts.push(
        verdict(
          `last 24 h of ${PRODUCTION_FILES} .rrd files ≤ ${TARGET_BINARY_SECONDS} s (CPU time)`,
          `${last24h.cpuSeconds.toFixed(3)} s for ${args.files} files (wall ${last24h.seconds.toFixed(3)} s) → ${at6000.toFixed(2)} s for ${PRODUCTION_FILES}`,
          at6000 <= TARGET_BINARY_SECONDS,
        ),
        memoryVerdict('.rrd', last24h),
      );
    } else {
      verdicts.push('binary .rrd: SKIPPED, rrdtool is not installed (apt-get install -y rrdtool)');
    }

    console.log(renderTable(rows));
    console.log(`\n${verdicts.join('\n')}`);
    if (sink < 0) console.log(sink);
  } finally {
    if (args.dir === undefined) rmSync(root, { recursive: true, force: true });
  }
}

/** header_len of an LP64 .rrd (RRD-FORMATS.md §5). */
function headerLength(ds: number, rra: number): number {
  return 128 + 120 * ds + 120 * rra + 16 + 112 * ds + 80 * rra * ds + 8 * rra;
}

function verdict(target: string, measured: string, ok: boolean): string {
  return `${ok ? 'MET   ' : 'MISSED'} ${target}: ${measured}`;
}

/** Memory is bounded when the heap peak after all files is no higher than after a quarter of them. */
function memoryVerdict(label: string, pass: Pass): string {
  const [quarter, , all] = pass.heapByProgress;
  const growth = all / quarter;
  return verdict(`${label}: memory bounded by one file (heap peak after ¼ vs all files)`, `${(quarter / 1e6).toFixed(0)} → ${(all / 1e6).toFixed(0)} MB, peak RSS ${(pass.peakRss / 1e6).toFixed(0)} MB`, growth < 1.25);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
