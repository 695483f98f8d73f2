/**
 * The check of every built snapshot against SnapshotSchema (a mismatch is a bug, never published),
 * at the cost of its structure rather than of its chart numbers: zod parses the snapshot with each
 * chart's number arrays set aside (~170,000 numbers for four services: ~20 ms and ~34 MB of garbage
 * per run through zod), plain loops check those arrays by the schema's own rules, and the arrays go
 * back into zod's output. The result is what SnapshotSchema.parse gives: the same keys in the same
 * order, the same array contents. Pure.
 */
import { SnapshotSchema, type Chart, type Snapshot } from './schema';

type Rule = 'number' | 'second' | 'score';

/** Whether `v` passes the chart schema's element rule: a number (not NaN) or null; whole seconds; a score 0..100. */
function passes(v: unknown, rule: Rule): boolean {
  if (rule === 'second') return Number.isInteger(v);
  if (v === null) return true;
  if (typeof v !== 'number' || Number.isNaN(v)) return false;
  return rule === 'number' || (v >= 0 && v <= 100);
}

function checkArray(values: unknown, rule: Rule, where: string): void {
  if (!Array.isArray(values)) throw new Error(`snapshot: ${where} is not an array — a bug in the chart builder; nothing was published`);
  for (let i = 0; i < values.length; i++) {
    if (!passes(values[i], rule)) throw new Error(`snapshot: ${where}[${i}] is ${String(values[i])}, not ${rule === 'second' ? 'whole epoch seconds' : rule === 'score' ? 'a score 0..100 or null' : 'a number or null'} — a bug in the chart builder; nothing was published`);
  }
}

/** The chart with its number arrays emptied (for zod), and a function that checks them and puts them into zod's copy. */
function setAside(chart: Chart, where: string): { stub: Chart; restore: (parsed: Chart) => void } {
  const stub: Chart = {
    ...chart,
    timestamps: [],
    ...(chart.score === undefined ? {} : { score: [] }),
    lines: chart.lines.map((l) => ({ ...l, values: [], ...(l.expected_lower === undefined ? {} : { expected_lower: [] }), ...(l.expected_upper === undefined ? {} : { expected_upper: [] }) })),
  };
  const restore = (parsed: Chart): void => {
    checkArray(chart.timestamps, 'second', `${where}.timestamps`);
    parsed.timestamps = [...chart.timestamps];
    if (chart.score !== undefined) {
      checkArray(chart.score, 'score', `${where}.score`);
      parsed.score = [...chart.score];
    }
    chart.lines.forEach((l, j) => {
      const out = parsed.lines[j]!;
      checkArray(l.values, 'number', `${where}.lines[${j}].values`);
      out.values = [...l.values];
      if (l.expected_lower !== undefined) {
        checkArray(l.expected_lower, 'number', `${where}.lines[${j}].expected_lower`);
        out.expected_lower = [...l.expected_lower];
      }
      if (l.expected_upper !== undefined) {
        checkArray(l.expected_upper, 'number', `${where}.lines[${j}].expected_upper`);
        out.expected_upper = [...l.expected_upper];
      }
    });
  };
  return { stub, restore };
}

/** SnapshotSchema.parse(snapshot), with the chart numbers checked by plain loops (see the module comment); throws on a mismatch. */
export function validatedSnapshot(snapshot: Snapshot): Snapshot {
  const restores: ((parsed: Snapshot) => void)[] = [];
  const services = snapshot.services.map((s, i) => {
    if (typeof s.charts !== 'object' || s.charts === null) return s;
    const charts = { ...s.charts };
    for (const key of ['day', 'week', 'quarter'] as const) {
      const chart = s.charts[key];
      if (typeof chart !== 'object' || chart === null || !Array.isArray(chart.lines)) continue;
      const { stub, restore } = setAside(chart, `services[${i}].charts.${key}`);
      charts[key] = stub;
      restores.push((parsed) => restore(parsed.services[i]!.charts[key]));
    }
    return { ...s, charts };
  });
  const parsed = SnapshotSchema.parse({ ...snapshot, services });
  for (const restore of restores) restore(parsed);
  return parsed;
}
