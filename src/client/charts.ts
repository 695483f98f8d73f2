/**
 * Draws the service charts with uPlot (bundled by Astro from node_modules; no CDN). Progressive
 * enhancement: the page already holds a text summary and a table of every chart. Each open range
 * (<details class="chart-range" data-src>) fetches its data file once (src/lib/view/chart-data.ts)
 * and draws its lines; a closed range is fetched and drawn when it opens. Charts follow the
 * container width, and are redrawn in the new colours when the colour scheme changes.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartDataFile } from '../lib/view/chart-data';

const HEIGHT = 180;

/** One fetch per data file, shared by the lines of a range (null when it cannot be loaded). */
const files = new Map<string, Promise<ChartDataFile | null>>();
/** The drawn charts, so a colour-scheme change can redraw them and a resize can size them. */
const plots = new Map<HTMLElement, uPlot>();

const resize = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const el = entry.target as HTMLElement;
    plots.get(el)?.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT });
  }
});

function load(url: string): Promise<ChartDataFile | null> {
  let file = files.get(url);
  if (file === undefined) {
    // A failed fetch leaves the text summary and table in place; the next opening tries again.
    file = fetch(url)
      .then((res) => (res.ok ? (res.json() as Promise<ChartDataFile>) : null))
      .catch(() => null)
      .then((data) => {
        if (data === null) files.delete(url);
        return data;
      });
    files.set(url, file);
  }
  return file;
}

/** A value as the page's own tables write it (src/lib/view/number.ts): fewer decimals for larger numbers. */
function formatNumber(v: number, lang: string): string {
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(v);
}

function css(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Settings of a range, from its data-* attributes. */
interface RangeInfo {
  lang: string;
  tz: string;
  time: string;
  expected: string;
}

function rangeInfo(details: HTMLElement): RangeInfo {
  const d = details.dataset;
  return { lang: d['lang'] ?? 'nl', tz: d['tz'] ?? 'UTC', time: d['time'] ?? '', expected: d['expected'] ?? '' };
}

function draw(el: HTMLElement, file: ChartDataFile, info: RangeInfo): void {
  if (plots.has(el)) return;
  const key = el.dataset['key'] ?? '';
  const line = file.lines[key];
  if (line === undefined) return;
  const fg = css('--fg-muted', '#555');
  const grid = css('--grid', '#ddd');
  const stroke = css('--chart-line', '#1f5fbf');
  const band = css('--chart-band', 'rgba(31,95,191,.15)');
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  // Time labels in the page language and the site zone, 24-hour clock (uPlot's defaults are US English).
  // Over a few days, ticks fall at midnight and midday: the date at midnight, the hour otherwise,
  // so a 7-day axis does not read "29 okt, 29 okt".
  const span = (file.t.at(-1) ?? 0) - (file.t[0] ?? 0);
  const clock = new Intl.DateTimeFormat(info.lang, { timeZone: info.tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const date = new Intl.DateTimeFormat(info.lang, { timeZone: info.tz, day: 'numeric', month: 'short' });
  const tick = (ts: number): string => {
    if (span <= 2 * 86400) return clock.format(ts * 1000);
    const hhmm = clock.format(ts * 1000);
    return span > 10 * 86400 || hhmm === '00:00' ? date.format(ts * 1000) : hhmm;
  };
  const full = new Intl.DateTimeFormat(info.lang, { timeZone: info.tz, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
  // Axis numbers in the page language, compact ("150K", "1,5K") so large backlogs fit the axis;
  // legend values in the page language too (uPlot's default formatter follows the browser's).
  const number = new Intl.NumberFormat(info.lang, { notation: 'compact', maximumFractionDigits: 1 });
  const whole = el.dataset['whole'] !== undefined;
  const value = (_u: uPlot, v: number | null): string => (v == null ? '–' : formatNumber(whole ? Math.round(v) : v, info.lang));
  const series: uPlot.Series[] = [{ label: info.time, value: (_u, ts) => (ts == null ? '–' : full.format(ts * 1000)) }];
  const data: uPlot.AlignedData = [file.t];
  const opts: uPlot.Options = {
    width: Math.max(200, el.clientWidth),
    height: HEIGHT,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), info.tz),
    series,
    axes: [
      { ...axis, values: (_u, splits) => splits.map(tick) },
      { ...axis, size: 60, values: (_u, splits) => splits.map((v) => number.format(v)) },
    ],
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
  };
  if (line.lo && line.hi) {
    // The band first, so the measured line is drawn over it, not hidden under its fill.
    // Dashed edges in the line colour, so the band stays visible where the measured line crosses it.
    const edge = { stroke, width: 1, dash: [4, 4], value };
    series.push({ ...edge, label: `${info.expected} min` }, { ...edge, label: `${info.expected} max` });
    el.classList.add('has-band');
    data.push(line.lo, line.hi);
    opts.bands = [{ series: [2, 1], fill: band }];
  }
  series.push({ label: el.dataset['label'] ?? key, stroke, width: 1.5, value });
  data.push(line.v);
  plots.set(el, new uPlot(opts, data, el));
  resize.observe(el);
}

async function drawRange(details: HTMLDetailsElement): Promise<void> {
  const src = details.dataset['src'];
  if (!details.open || src === undefined) return;
  const file = await load(src);
  if (file === null) return;
  const info = rangeInfo(details);
  details.querySelectorAll<HTMLElement>('[data-chart]').forEach((el) => draw(el, file, info));
}

const ranges = document.querySelectorAll<HTMLDetailsElement>('details.chart-range[data-src]');
ranges.forEach((details) => {
  void drawRange(details);
  details.addEventListener('toggle', () => void drawRange(details));
});

// Colours come from CSS variables read at drawing time: redraw when the theme flips while the page is open.
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
  for (const [el, plot] of plots) {
    resize.unobserve(el);
    plot.destroy();
  }
  plots.clear();
  ranges.forEach((details) => void drawRange(details));
});
