/**
 * Traffic (calls): a collapse below `traffic_outage_ratio` of the tolerant expectation (the lowest
 * within ± `traffic_tolerance_minutes`) is a major outage — decisive at or below
 * `traffic_decisive_ratio`; calls summed over `traffic_window_minutes` below `traffic_degraded_ratio`
 * of it are degraded; one input of a summed metric without calls while the others answer loses its
 * share (judged like a failed share). Guard: judged only where at least
 * `traffic_min_expected_per_minute` calls are expected. No calls with no usable history (an all-zero
 * history, a brand-new file) is no evidence: unknown, never green.
 */
import type { Rules } from '../../config/rules';
import type { Level } from '../../levels';
import type { MetricSeries } from '../signals';
import { errorPosition } from './errors';
import type { MinuteContext, RoleModule } from './role';

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * Position of the traffic: the window ratio gives 0..2 (1 at `traffic_degraded_ratio`, 2 at
 * `traffic_outage_ratio`), the minute's own ratio below `traffic_outage_ratio` gives 3..4 (4 = no
 * calls). NaN ratios (not judged) give 0.
 */
export function trafficPosition(minuteRatio: number, windowRatio: number, rules: Rules): number {
  const d = rules.traffic_degraded_ratio;
  const o = rules.traffic_outage_ratio;
  let x = 0;
  if (Number.isFinite(windowRatio) && windowRatio < 1) {
    x = windowRatio >= d ? (1 - windowRatio) / (1 - d) : 1 + clamp01((d - windowRatio) / (d - o));
  }
  if (Number.isFinite(minuteRatio) && minuteRatio < o) x = Math.max(x, 3 + clamp01((o - minuteRatio) / o));
  return x;
}

/** Mean of the finite values in [from, to] (NaN when none). */
function meanOver(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  for (let j = Math.max(0, from); j <= to; j++) {
    const v = values[j]!;
    if (v === v) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? Number.NaN : sum / n;
}

/**
 * One input of a summed traffic metric (a node, a hub) reports no calls while the others carry
 * theirs, and the service lacks calls: that input's share is lost, judged like a failed share
 * (error_ratio_degraded / _outage). Returns the position (errorPosition).
 */
function silentInput(traffic: MetricSeries, c: number, e: number, expected: number, ctx: MinuteContext): number {
  const { i, rules } = ctx;
  const files = traffic.files ?? 1;
  const fileMin = traffic.fileMin?.[i];
  if (traffic.config.combine !== 'sum' || files < 2 || fileMin === undefined || !(fileMin <= 0)) return 0;
  // Volume guard: an input is expected to carry at least traffic_min_expected_per_minute (an even share),
  // so a minute without calls on it is not chance; and the others must be answering (half their share each).
  if (e / files < rules.traffic_min_expected_per_minute) return 0;
  if (c / (files - 1) < (0.5 * e) / files) return 0;
  // The lost share of this minute against the plain expectation (the input's silence is the evidence).
  const plain = traffic.baseline.expected[i]!;
  if (!(plain > 0)) return 0;
  const lost = 1 - c / plain;
  // Calls must be missing: at least half a silent input's share (a drained node whose calls went elsewhere is fine).
  if (lost < 0.5 / files || lost < rules.error_ratio_degraded) return 0;
  const level: Level = lost >= rules.error_ratio_outage ? 'partial_outage' : 'degraded';
  ctx.add(i, { kind: 'input_silent', level, metric: traffic.config.key, files, value: c, expected });
  return errorPosition(lost, rules);
}

export const traffic: RoleModule = {
  ruleKeys: ['traffic_outage_ratio', 'traffic_degraded_ratio', 'traffic_decisive_ratio', 'traffic_window_minutes', 'traffic_tolerance_minutes', 'traffic_min_expected_per_minute'],
  unit: 'calls/min',
  // Past incidents only ever lower traffic: the upper median keeps them from dragging the expectation down.
  baseline: { quantile: 0.6, widen: 'down' },
  chart: 'mean',
  judge(m, c, ctx, memory, k) {
    const { i, rules, low, rowSpan } = ctx;
    if (low === undefined) return 0;
    if (c > 0) memory[k] = 1; // traffic seen in the history
    // Green needs positive evidence: no calls where no usable history exists is unknown.
    if (c <= 0 && (memory[k] !== 1 || !Number.isFinite(m.baseline.expected[i]!))) {
      ctx.noEvidence = true;
      return Number.NaN;
    }
    // The expectation a coarse row is compared with is the mean over the row's own minutes (its resolution).
    const e = rowSpan > 1 ? meanOver(low, i - rowSpan + 1, i) : low[i]!;
    if (!(Number.isFinite(e) && e >= rules.traffic_min_expected_per_minute)) return 0;
    const expected = m.baseline.expected[i]!;
    const calls = m.values;
    const w = rules.traffic_window_minutes;
    let sumC = 0;
    let sumE = 0;
    let n = 0;
    for (let j = Math.max(0, i - w + 1); j <= i; j++) {
      if (Number.isFinite(calls[j]) && Number.isFinite(low[j])) {
        sumC += calls[j]!;
        sumE += low[j]!;
        n++;
      }
    }
    const windowJudged = n >= Math.ceil(w / 2) && sumE > 0;
    let x = trafficPosition(c / e, windowJudged ? sumC / sumE : Number.NaN, rules);
    if (c < rules.traffic_outage_ratio * e) {
      ctx.add(i, { kind: 'traffic_low', level: 'major_outage', metric: m.config.key, value: c, expected });
      if (c <= rules.traffic_decisive_ratio * e) ctx.decide(3);
    } else if (windowJudged && sumC < rules.traffic_degraded_ratio * sumE) {
      ctx.add(i, { kind: 'traffic_low', level: 'degraded', metric: m.config.key, value: sumC / n, expected });
    } else if (windowJudged) {
      x = Math.max(x, silentInput(m, c, e, expected, ctx));
    }
    return x;
  },
};
