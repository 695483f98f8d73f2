/**
 * Byte-level helpers for the hand-written scanners: search, number scanning and decoding on a
 * Uint8Array, so a reader never has to build a string of the whole file (decoding a large file to a
 * string costs as much as parsing it).
 */
import { parseSlow } from './number';

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Index just after the number read by the last `scanNumber` call. A module-level cursor rather than a
 * returned object: the XML hot loop reads millions of values and must not allocate per value.
 */
export let scanEnd = 0;

/**
 * Reads `[-+]digits[.digits][e[-+]digits]` from `from` and returns its value, leaving `scanEnd` after
 * it. Returns NaN with `scanEnd === from` when no digit starts there (the caller then takes its slow
 * path for `NaN`, `inf`, `-nan` …). Exact for rrdtool's `%0.10e` (see ./number.ts for why).
 */
export function scanNumber(b: Uint8Array, from: number): number {
  let i = from;
  let c = b[i];
  let negative = false;
  if (c === 45) {
    negative = true;
    c = b[++i];
  } else if (c === 43) c = b[++i];
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  while (c !== undefined && c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    c = b[++i];
  }
  if (c === 46) {
    c = b[++i];
    while (c !== undefined && c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      fraction++;
      c = b[++i];
    }
  }
  if (digits === 0) {
    scanEnd = from;
    return NaN;
  }
  let exponent = 0;
  if (c === 101 || c === 69) {
    const mark = i;
    c = b[++i];
    let expNegative = false;
    if (c === 45) {
      expNegative = true;
      c = b[++i];
    } else if (c === 43) c = b[++i];
    let expDigits = 0;
    while (c !== undefined && c >= 48 && c <= 57) {
      exponent = exponent * 10 + (c - 48);
      expDigits++;
      c = b[++i];
    }
    if (expDigits === 0) i = mark; // a bare `e`: not part of the number
    if (expNegative) exponent = -exponent;
  }
  scanEnd = i;
  const scale = exponent - fraction;
  if (digits <= 15 && scale >= -22 && scale <= 22) {
    const value = scale === 0 ? mantissa : scale > 0 ? mantissa * (POW10[scale] as number) : mantissa / (POW10[-scale] as number);
    return negative ? -value : value;
  }
  // Long mantissas and far exponents (1e308, 1e400 → Infinity): let the engine round them.
  return Number(latin1(b, from, i));
}

/** Value of a token rrdtool may print instead of a plain number (`NaN`, `-nan`, `inf` …); undefined when it is none. */
export function parseTokenBytes(b: Uint8Array, from: number, to: number): number | undefined {
  return parseSlow(latin1(b, from, to));
}

/** Bytes `[from, to)` as a string, one char per byte (lossless; used for short tokens and meta). */
export function latin1(b: Uint8Array, from: number, to: number): string {
  let s = '';
  // Chunked so String.fromCharCode never receives too many arguments.
  for (let i = from; i < to; i += 4096) s += String.fromCharCode(...b.subarray(i, Math.min(to, i + 4096)));
  return s;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text of bytes `[from, to)`: UTF-8 when the bytes are valid UTF-8 (rrdtool declares ISO-8859-1 but
 * writes the legend bytes it was given, nowadays UTF-8), else ISO-8859-1.
 */
export function decodeText(b: Uint8Array, from: number, to: number): string {
  try {
    return utf8.decode(b.subarray(from, to));
  } catch {
    return latin1(b, from, to);
  }
}

/** First index ≥ from where `pattern` (ASCII) occurs in `b`, or -1. */
export function indexOfAscii(b: Uint8Array, pattern: string, from: number, to = b.length): number {
  const first = pattern.charCodeAt(0);
  const last = to - pattern.length;
  outer: for (let i = b.indexOf(first, from); i >= 0 && i <= last; i = b.indexOf(first, i + 1)) {
    for (let k = 1; k < pattern.length; k++) if (b[i + k] !== pattern.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

/** 1-based line number of byte offset `pos` (for error messages only: it scans from the start). */
export function lineOfByte(b: Uint8Array, pos: number): number {
  let line = 1;
  for (let i = b.indexOf(10); i >= 0 && i < pos; i = b.indexOf(10, i + 1)) line++;
  return line;
}

/** 1-based line number of string offset `pos` (for error messages only). */
export function lineOfChar(s: string, pos: number): number {
  let line = 1;
  for (let i = s.indexOf('\n'); i >= 0 && i < pos; i = s.indexOf('\n', i + 1)) line++;
  return line;
}
