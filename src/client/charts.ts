/**
 * Draws the service charts with uPlot (bundled by Astro from node_modules; no CDN). Progressive
 * enhancement: the page already holds a text summary and a table of every chart. Charts inside a
 * closed <details> are drawn when it opens; charts follow the container width and the colour theme.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface ChartData {
  tz: string;
  lang: string;
  label: string;
  time: string;
  expected: string;
  t: number[];
  v: Array<number | null>;
  lo: Array<number | null> | null;
  hi: Array<number | null> | null;
}

const HEIGHT = 180;

function css(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function draw(el: HTMLElement): void {
  if (el.dataset['drawn']) return;
  const source = document.getElementById(`${el.dataset['chart']}-data`);
  if (!source?.textContent) return;
  const d = JSON.parse(source.textContent) as ChartData;
  el.dataset['drawn'] = '1';
  const fg = css('--fg-muted', '#555');
  const grid = css('--grid', '#ddd');
  const line = css('--chart-line', '#1f5fbf');
  const band = css('--chart-band', 'rgba(31,95,191,.15)');
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  // Time labels in the page language and the site zone, 24-hour clock (uPlot's defaults are US English).
  const span = (d.t.at(-1) ?? 0) - (d.t[0] ?? 0);
  const tick = new Intl.DateTimeFormat(d.lang, span <= 2 * 86400
    ? { timeZone: d.tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
    : { timeZone: d.tz, day: 'numeric', month: 'short' });
  const full = new Intl.DateTimeFormat(d.lang, { timeZone: d.tz, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
  const series: uPlot.Series[] = [
    { label: d.time, value: (_u, ts) => (ts == null ? '–' : full.format(ts * 1000)) },
    { label: d.label, stroke: line, width: 1.5 },
  ];
  const data: uPlot.AlignedData = [d.t, d.v];
  const opts: uPlot.Options = {
    width: Math.max(200, el.clientWidth),
    height: HEIGHT,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), d.tz),
    series,
    axes: [{ ...axis, values: (_u, splits) => splits.map((ts) => tick.format(ts * 1000)) }, { ...axis, size: 56 }],
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
  };
  if (d.lo && d.hi) {
    series.push({ label: `${d.expected} min`, stroke: band, width: 1 }, { label: `${d.expected} max`, stroke: band, width: 1 });
    data.push(d.lo, d.hi);
    opts.bands = [{ series: [3, 2], fill: band }];
  }
  const plot = new uPlot(opts, data, el);
  new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT })).observe(el);
}

function drawVisible(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('[data-chart]').forEach((el) => {
    const details = el.closest('details');
    if (!details || details.open) draw(el);
  });
}

drawVisible(document);
document.querySelectorAll('details.chart-range').forEach((details) => {
  details.addEventListener('toggle', () => drawVisible(details));
});
