/**
 * Two installations as other collectors lay them out, written by the real rrdtool, each with its
 * config: a collectd one (10-s step, one `value` DS per file, response time in seconds) and a
 * Cacti/MRTG one (300-s step, one file with `traffic_in`/`traffic_out` 32-bit octet counters).
 *
 * The history (five weeks of a pharmacy-like week: busy on weekday opening hours, a Saturday
 * morning, quiet nights and Sundays) is written once up to `base`; each scenario copies it and
 * appends its own last hour (normal, slow, or down), so the expensive part is paid once.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { localParts } from '../../../src/lib/time/zone';
import { CACTI_RRAS, collectdRras, createRrd, updateRrd } from './collector-rrd';

const TZ = 'Europe/Brussels';
const HISTORY_DAYS = 35;

/** What happens in the appended hour from `from` on (epoch s). */
export type Fault = { kind: 'none' } | { kind: 'slow'; from: number; seconds: number } | { kind: 'down'; from: number };

const hourCache = new Map<number, { weekday: number; minuteOfDay: number }>();
/** Local weekday (0 = Sunday) and minute of the day, looked up once per hour. */
function local(t: number): { weekday: number; minute: number } {
  const hour = Math.floor(t / 3600);
  let p = hourCache.get(hour);
  if (p === undefined) {
    const l = localParts(hour * 3600, TZ);
    p = { weekday: l.weekday, minuteOfDay: l.hour * 60 + l.minute };
    hourCache.set(hour, p);
  }
  return { weekday: p.weekday, minute: p.minuteOfDay + Math.floor((t % 3600) / 60) };
}

/** 0..1 ramp between two local minutes over `ramp` minutes on each side. */
function open(minute: number, from: number, to: number, ramp = 30): number {
  const up = Math.min(1, Math.max(0, (minute - from + ramp) / (2 * ramp)));
  const down = Math.min(1, Math.max(0, (to - minute + ramp) / (2 * ramp)));
  return Math.min(up, down);
}

/** Calls per second at t: 30/s on weekday opening hours, 15/s on Saturday morning, 2/s else. */
export function callRate(t: number): number {
  const { weekday, minute } = local(t);
  if (weekday >= 1 && weekday <= 5) return 2 + 28 * open(minute, 8 * 60, 19 * 60);
  if (weekday === 6) return 2 + 13 * open(minute, 8 * 60 + 30, 12 * 60 + 30);
  return 2;
}

/** Deterministic noise in [-1, 1] for a row. */
function noise(t: number, salt: number): number {
  const x = Math.sin(t * 12.9898 + salt * 78.233) * 43758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}

/** Response time in seconds: 0.18 s when busy, 0.12 s at night, ±10 %. */
function latencySeconds(t: number): number {
  return (callRate(t) > 10 ? 0.18 : 0.12) * (1 + 0.1 * noise(t, 3));
}

interface Counter {
  value: number;
}

/** `time:value` rows of one collectd file between (from, to] every 10 s. */
function collectdRows(kind: 'calls' | 'errors' | 'latency', from: number, to: number, fault: Fault, counter: Counter): string[] {
  const out: string[] = [];
  for (let t = from + 10; t <= to; t += 10) {
    const down = fault.kind === 'down' && t > fault.from;
    if (kind === 'latency') {
      const slow = fault.kind === 'slow' && t > fault.from;
      // No calls, no response time: collectd writes nothing measured (U) while the service is down.
      out.push(`${t}:${down ? 'U' : (slow ? fault.seconds : latencySeconds(t)).toFixed(4)}`);
      continue;
    }
    const calls = down ? 0 : callRate(t) * 10 * (1 + 0.05 * noise(t, 1));
    counter.value += Math.round(kind === 'calls' ? calls : calls * 0.004 * (1 + noise(t, 2)));
    out.push(`${t}:${counter.value}`);
  }
  return out;
}

/** `time:in:out` rows of the Cacti file between (from, to] every 300 s, 32-bit counters that wrap. */
function cactiRows(from: number, to: number, fault: Fault, counters: [Counter, Counter]): string[] {
  const out: string[] = [];
  for (let t = from + 300; t <= to; t += 300) {
    const down = fault.kind === 'down' && t > fault.from;
    const bytes = down ? 0 : callRate(t) * 40_000 * 300 * (1 + 0.05 * noise(t, 4));
    counters[0].value = (counters[0].value + Math.round(bytes)) % 2 ** 32;
    counters[1].value = (counters[1].value + Math.round(3 * bytes)) % 2 ** 32;
    out.push(`${t}:${counters[0].value}:${counters[1].value}`);
  }
  return out;
}

const SITE = `site:\n  title: { nl: Test }\n  url: https://status.example.org\n  languages: [nl]\n`;

/** collectd: <host>/<plugin>-<instance>/<type>-<instance>.rrd, one `value` DS each. */
const COLLECTD_FILES = { calls: 'collectd/api-01/curl_json-gfd/derive-calls.rrd', errors: 'collectd/api-01/curl_json-gfd/derive-errors.rrd', latency: 'collectd/api-01/curl_json-gfd/response_time-p95.rrd' } as const;

/** The collectd config: DERIVE counters per second, response time in seconds; a 24/7 service. */
export const COLLECTD_CONFIG = `${SITE}services:
  - id: gfd
    name: { nl: GFD }
    schedule:
      - { days: [mon, tue, wed, thu, fri, sat, sun], from: "00:00", to: "24:00" }
    metrics:
      - key: calls
        role: traffic
        files: ${COLLECTD_FILES.calls}
        ds: value
        unit: per_second
      - key: errors
        role: errors
        files: ${COLLECTD_FILES.errors}
        ds: value
        unit: per_second
      - key: p95
        role: latency
        files: ${COLLECTD_FILES.latency}
        ds: value
        unit: seconds
        combine: max
`;

const CACTI_FILE = 'cacti/rra/pharma-gw_traffic_in_12.rrd';

/** The Cacti config: octets in as the traffic, octets out only as a sign of life (freshness). */
export const CACTI_CONFIG = `${SITE}services:
  - id: gateway
    name: { nl: Gateway }
    metrics:
      - key: traffic_in
        role: traffic
        label: { nl: Inkomend verkeer, en: Incoming traffic }
        files: ${CACTI_FILE}
        ds: traffic_in
        unit: per_second
      - key: traffic_out
        role: freshness
        label: { nl: Uitgaand verkeer, en: Outgoing traffic }
        files: ${CACTI_FILE}
        ds: traffic_out
        unit: per_second
`;

/** A history written once; `scenario` copies it and appends one more hour. */
export interface Installation {
  /** End of the shared history (epoch s). */
  base: number;
  /** Lays out a data directory + status.yaml in `dir` whose files end `minutes` after base, with `fault`. */
  scenario(dir: string, minutes: number, fault: Fault): { data: string; config: string };
}

function copyInto(from: string, to: string, rel: string): string {
  mkdirSync(dirname(join(to, rel)), { recursive: true });
  copyFileSync(join(from, rel), join(to, rel));
  return join(to, rel);
}

/** The collectd installation, history up to `base` (a multiple of 10 s). */
export function collectdInstallation(historyDir: string, base: number): Installation {
  const start = base - HISTORY_DAYS * 86_400;
  const counters = { calls: { value: 0 }, errors: { value: 0 } };
  for (const kind of ['calls', 'errors', 'latency'] as const) {
    const path = join(historyDir, COLLECTD_FILES[kind]);
    mkdirSync(dirname(path), { recursive: true });
    createRrd(path, 10, start, [kind === 'latency' ? 'DS:value:GAUGE:20:0:U' : 'DS:value:DERIVE:20:0:U'], collectdRras());
    updateRrd(path, collectdRows(kind, start, base, { kind: 'none' }, kind === 'latency' ? { value: 0 } : counters[kind]));
  }
  return {
    base,
    scenario(dir, minutes, fault) {
      const data = join(dir, 'data');
      for (const kind of ['calls', 'errors', 'latency'] as const) {
        const path = copyInto(historyDir, data, COLLECTD_FILES[kind]);
        updateRrd(path, collectdRows(kind, base, base + minutes * 60, fault, kind === 'latency' ? { value: 0 } : { ...counters[kind] }));
      }
      writeFileSync(join(dir, 'status.yaml'), COLLECTD_CONFIG);
      return { data, config: join(dir, 'status.yaml') };
    },
  };
}

/** The Cacti installation, history up to `base` (a multiple of 300 s). */
export function cactiInstallation(historyDir: string, base: number): Installation {
  const start = base - HISTORY_DAYS * 86_400;
  const counters: [Counter, Counter] = [{ value: 0 }, { value: 0 }];
  const path = join(historyDir, CACTI_FILE);
  mkdirSync(dirname(path), { recursive: true });
  createRrd(path, 300, start, ['DS:traffic_in:COUNTER:600:0:100000000', 'DS:traffic_out:COUNTER:600:0:100000000'], CACTI_RRAS);
  updateRrd(path, cactiRows(start, base, { kind: 'none' }, counters));
  return {
    base,
    scenario(dir, minutes, fault) {
      const data = join(dir, 'data');
      const file = copyInto(historyDir, data, CACTI_FILE);
      updateRrd(file, cactiRows(base, base + minutes * 60, fault, [{ ...counters[0] }, { ...counters[1] }]));
      writeFileSync(join(dir, 'status.yaml'), CACTI_CONFIG);
      return { data, config: join(dir, 'status.yaml') };
    },
  };
}
