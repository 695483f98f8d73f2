/**
 * The chart data file of one range of a service page (/charts/<id>/<range>.json): the snapshot's
 * chart in uPlot's columnar shape, once per service instead of once per line and per language in
 * the HTML. Labels and units stay in the page (they depend on the language).
 */
import type { Chart } from '../snapshot/schema';

/** One line: values, and the expected band when the line has one. */
export interface ChartDataLine {
  v: Array<number | null>;
  lo?: Array<number | null>;
  hi?: Array<number | null>;
}

/** What the chart script fetches: ascending epoch seconds and the lines by key. */
export interface ChartDataFile {
  step: number;
  t: number[];
  lines: Record<string, ChartDataLine>;
}

/** The data file of a chart (pure; serialized by the endpoint). */
export function chartDataFile(chart: Chart): ChartDataFile {
  const lines: Record<string, ChartDataLine> = {};
  for (const line of chart.lines) {
    const out: ChartDataLine = { v: line.values };
    if (line.expected_lower && line.expected_upper) {
      out.lo = line.expected_lower;
      out.hi = line.expected_upper;
    }
    lines[line.key] = out;
  }
  return { step: chart.step, t: chart.timestamps, lines };
}
